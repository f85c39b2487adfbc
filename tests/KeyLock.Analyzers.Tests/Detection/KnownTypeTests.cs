using KeyLock.Analyzers.Detection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace KeyLock.Analyzers.Tests.Detection;

public sealed class KnownTypeTests
{
    private static readonly Compilation Source = CSharpCompilation.Create(
        "Types",
        new[]
        {
            CSharpSyntaxTree.ParseText("""
                namespace Contoso.Secrets
                {
                    public interface IVault { }
                    public interface ISealedVault : IVault { }
                    public class Vault : ISealedVault { public class Nested { } }
                    public class LocalVault : Vault { }
                    public class Box<T> { }
                    namespace Inner { public class Vault { } }
                }
                namespace Secrets { public class Vault { } }
                namespace SecretsX { public class Vault { } }
                public class Vault { }
                """),
        });

    private static readonly KnownType Vault = new("Contoso.Secrets", "Vault");

    [Theory]
    [InlineData("Contoso.Secrets.Vault", true)]
    [InlineData("Contoso.Secrets.Inner.Vault", false)]
    [InlineData("Secrets.Vault", false)]
    [InlineData("Vault", false)]
    [InlineData("Contoso.Secrets.Vault+Nested", false)]
    [InlineData("Contoso.Secrets.LocalVault", false)]
    public void Matches_OnlyTheTypeItself(string metadataName, bool expected) =>
        Assert.Equal(expected, Vault.Matches(Type(metadataName)));

    [Fact]
    public void Matches_NullAndUnresolvedTypes_False()
    {
        Assert.False(Vault.Matches(null));
        Assert.False(new KnownType("", "Missing").Matches(Source.CreateErrorTypeSymbol(null, "Missing", 0)));
    }

    [Fact]
    public void Matches_ComparesArity()
    {
        Assert.True(new KnownType("Contoso.Secrets", "Box", 1).Matches(Type("Contoso.Secrets.Box`1")));
        Assert.False(new KnownType("Contoso.Secrets", "Box").Matches(Type("Contoso.Secrets.Box`1")));
    }

    [Fact]
    public void IsOrDerivesFrom_WalksBaseTypes()
    {
        Assert.True(Vault.IsOrDerivesFrom(Type("Contoso.Secrets.LocalVault")));
        Assert.True(Vault.IsOrDerivesFrom(Type("Contoso.Secrets.Vault")));
        Assert.False(Vault.IsOrDerivesFrom(Type("Contoso.Secrets.Inner.Vault")));
    }

    [Fact]
    public void IsOrImplements_WalksAllInterfaces()
    {
        var vaultInterface = new KnownType("Contoso.Secrets", "IVault");
        Assert.True(vaultInterface.IsOrImplements(Type("Contoso.Secrets.IVault")));
        Assert.True(vaultInterface.IsOrImplements(Type("Contoso.Secrets.ISealedVault")));
        Assert.True(vaultInterface.IsOrImplements(Type("Contoso.Secrets.LocalVault")));
        Assert.False(vaultInterface.IsOrImplements(Type("Secrets.Vault")));
        Assert.False(vaultInterface.IsOrImplements(null));
    }

    [Theory]
    [InlineData("Secrets.Vault", true)]
    [InlineData("SecretsX.Vault", false)]
    [InlineData("Contoso.Secrets.Vault", false)]
    [InlineData("Vault", false)]
    public void KnownNamespace_Matches_Exactly(string metadataName, bool expected) =>
        Assert.Equal(expected, new KnownNamespace("Secrets").Matches(Type(metadataName).ContainingNamespace));

    [Theory]
    [InlineData("Contoso.Secrets.Vault", true)]
    [InlineData("Contoso.Secrets.Inner.Vault", true)]
    [InlineData("Secrets.Vault", false)]
    [InlineData("Vault", false)]
    public void KnownNamespace_Contains_NestedNamespaces(string metadataName, bool expected) =>
        Assert.Equal(expected, new KnownNamespace("Contoso.Secrets").Contains(Type(metadataName).ContainingNamespace));

    private static INamedTypeSymbol Type(string metadataName) =>
        Source.GetTypeByMetadataName(metadataName) ?? throw new InvalidOperationException(metadataName);
}
