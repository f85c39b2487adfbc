using KeyLock.Secrets.Validation;
using KeyLock.Testing;

namespace KeyLock.Secrets.Tests;

public sealed class ChecksumTests
{
    [Fact]
    public void Crc32_MatchesTheStandardCheckValue() => Assert.Equal(0xCBF43926u, Crc32.Compute("123456789", 0, 9));

    [Fact]
    public void Crc32_AgreesWithTheIndependentGenerator()
    {
        for (var seed = 0; seed < 200; seed++)
        {
            var text = FakeSecrets.R(new Random(seed), FakeSecrets.Alphanumeric, 30);
            Assert.Equal(FakeSecrets.Crc32(text), Crc32.Compute(text, 0, text.Length));
        }
    }

    [Fact]
    public void Marvin32_AgreesWithTheIndependentGenerator_ForEveryTailLength()
    {
        var random = new Random(3);
        for (var length = 0; length < 70; length++)
        {
            var bytes = FakeSecrets.Bytes(random, length);
            Assert.Equal(FakeSecrets.Marvin32(bytes, length, "Default0"), Marvin32.Compute(bytes, 0, length, Marvin32.Seed("Default0")));
        }
    }

    [Fact]
    public void Marvin32_Seed_IsTheAsciiReadBigEndian() => Assert.Equal(0x44656661756c7430UL, Marvin32.Seed("Default0"));

    // Microsoft's own test keys for the identifiable-key construction (see research/secret-formats.md §3):
    // 76 'a's, the signature and the checksum. Built from pieces; not key-shaped as a whole in source.
    [Fact]
    public void StorageTestKey_Validates() =>
        Assert.True(AzurePatterns.StorageAccountKey.Validator!.IsValid(MicrosoftTestKey("+AS" + "t", "5mnC" + "aw=="), 0, 88));

    [Fact]
    public void CosmosTestKey_ValidatesWithTheEncryptionKeySeed() =>
        Assert.True(AzurePatterns.CosmosDbKey.Validator!.IsValid(MicrosoftTestKey("AC" + "Db", "Opqr" + "YA=="), 0, 88));

    [Fact]
    public void TestKeys_WithOneCheckCharacterChanged_Fail()
    {
        Assert.False(AzurePatterns.StorageAccountKey.Validator!.IsValid(MicrosoftTestKey("+AS" + "t", "5mnD" + "aw=="), 0, 88));
        Assert.False(AzurePatterns.CosmosDbKey.Validator!.IsValid(MicrosoftTestKey("AC" + "Db", "Opqr" + "YQ=="), 0, 88));
    }

    [Fact]
    public void GitHubValidator_RejectsEverySingleCharacterChange()
    {
        var token = FakeSecrets.GitHub(new Random(1), "gh" + "p_");
        var validator = DeveloperPlatformPatterns.GitHubPersonalAccessToken.Validator!;
        Assert.True(validator.IsValid(token, 0, token.Length));
        for (var i = 4; i < token.Length; i++)
        {
            var changed = token.Substring(0, i) + (token[i] == 'a' ? 'b' : 'a') + token.Substring(i + 1);
            Assert.False(validator.IsValid(changed, 0, changed.Length), "position " + i);
        }
    }

    [Fact]
    public void IdentifiableValidator_RejectsNonBase64AndShortInput()
    {
        var validator = new IdentifiableKeyValidator("Default0");
        Assert.False(validator.IsValid("not base64!", 0, 11));
        Assert.False(validator.IsValid("QUJD", 0, 4));
        Assert.Throws<ArgumentException>(() => new IdentifiableKeyValidator("short"));
    }

    [Fact]
    public void Validators_DoNotAllocate()
    {
        var storage = FakeSecrets.Generate("azure-storage-account-key", 1);
        var github = FakeSecrets.Generate("github-pat", 1);
        var storageValidator = AzurePatterns.StorageAccountKey.Validator!;
        var githubValidator = DeveloperPlatformPatterns.GitHubPersonalAccessToken.Validator!;
        storageValidator.IsValid(storage, 0, storage.Length);
        githubValidator.IsValid(github, 0, github.Length);

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 100; i++)
        {
            Assert.True(storageValidator.IsValid(storage, 0, storage.Length));
            Assert.True(githubValidator.IsValid(github, 0, github.Length));
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    private static string MicrosoftTestKey(string signature, string tail) => new string('a', 76) + signature + tail;
}
