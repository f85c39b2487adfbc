using System.Security.Cryptography;
using System.Text;
using KeyLock.Tasks.Incremental;
using KeyLock.Tasks.Signing;
using KeyLock.Tasks.Tests.Infrastructure;

namespace KeyLock.Tasks.Tests;

/// <summary>
/// A build after a restore takes the signature policy from the memo only while nothing NuGet's settings loader read or
/// looked for has changed; every change to nuget.config, a new nuget.config above the project, another setting that
/// decides which files are read, or a damaged or old memo makes it read nuget.config again.
/// </summary>
public abstract class SignaturePolicyMemoTests : IDisposable
{
    private readonly Workspace _ws = new();
    private readonly string _memo;

    // Inputs count as settled when they last changed before this; the tests write them a moment before loading.
    private static DateTime Settled => DateTime.UtcNow.AddMinutes(1);

    protected SignaturePolicyMemoTests(bool contentDigests)
    {
        Mode = contentDigests ? ChangeDetection.ContentDigest : ChangeDetection.KernelIdentity;
        _memo = Path.Combine(_ws.ProjectDirectory, "obj", "keylock.verdicts.policy");
        Directory.CreateDirectory(Path.GetDirectoryName(_memo)!);
    }

    private ChangeDetection Mode { get; }

    [Fact]
    public void Remembers_mode_signers_owners_and_sources_of_the_policy()
    {
        WriteNuGetConfig(_ws.ProjectDirectory, requireMode: true);
        var loaded = SignaturePolicyMemo.Load(_memo, _ws.ProjectDirectory, null, Mode, Settled).Policy;

        var remembered = SignaturePolicyMemo.Read(_memo, Key(), Mode, DateTime.UtcNow);

        Assert.NotNull(remembered);
        Assert.True(remembered!.RequireSignatures);
        Assert.Equal(loaded.Key, remembered.Key);
        Assert.Contains(":owner-one;owner-two", remembered.Key);
        Assert.Equal(loaded.ConfigDescription, remembered.ConfigDescription);
        Assert.Equal(loaded.ConfigFiles, remembered.ConfigFiles);
        Assert.Equal(loaded.ConfigFolders, remembered.ConfigFolders);
        Assert.Equal(
            loaded.AllowList.Select(e => e.Owners == null),
            remembered.AllowList.Select(e => e.Owners == null));
    }

    [Fact]
    public void An_edited_nuget_config_is_read_again()
    {
        WriteNuGetConfig(_ws.ProjectDirectory, requireMode: true);
        SignaturePolicyMemo.Load(_memo, _ws.ProjectDirectory, null, Mode, Settled);

        WriteNuGetConfig(_ws.ProjectDirectory, requireMode: false);

        Assert.Null(SignaturePolicyMemo.Read(_memo, Key(), Mode, DateTime.UtcNow));
        Assert.False(SignaturePolicyMemo.Load(_memo, _ws.ProjectDirectory, null, Mode, Settled).Policy.RequireSignatures);
    }

    [Fact]
    public void A_nuget_config_that_appears_above_the_project_is_read()
    {
        SignaturePolicyMemo.Load(_memo, _ws.ProjectDirectory, null, Mode, Settled);

        WriteNuGetConfig(_ws.Root, requireMode: true);

        Assert.Null(SignaturePolicyMemo.Read(_memo, Key(), Mode, DateTime.UtcNow));
        var (policy, remembered) = SignaturePolicyMemo.Load(_memo, _ws.ProjectDirectory, null, Mode, Settled);
        Assert.False(remembered);
        Assert.True(policy.RequireSignatures);
        Assert.Contains(Path.Combine(_ws.Root, "nuget.config"), policy.ConfigFiles);
    }

    [Fact]
    public void Another_project_folder_config_file_or_KeyLock_build_does_not_use_it()
    {
        WriteNuGetConfig(_ws.ProjectDirectory, requireMode: true);
        SignaturePolicyMemo.Load(_memo, _ws.ProjectDirectory, null, Mode, Settled);
        var folders = SignaturePolicy.NuGetConfigFolders();

        var otherMode = Mode == ChangeDetection.KernelIdentity ? ChangeDetection.ContentDigest : ChangeDetection.KernelIdentity;
        Assert.Null(SignaturePolicyMemo.Read(_memo, SignaturePolicyMemo.Key(_ws.Root, null, folders, Mode), Mode, DateTime.UtcNow));
        Assert.Null(SignaturePolicyMemo.Read(_memo, SignaturePolicyMemo.Key(_ws.ProjectDirectory, "other.config", folders, Mode), Mode, DateTime.UtcNow));
        Assert.Null(SignaturePolicyMemo.Read(_memo, SignaturePolicyMemo.Key(_ws.ProjectDirectory, null, folders.Skip(1).ToList(), Mode), Mode, DateTime.UtcNow));
        Assert.Null(SignaturePolicyMemo.Read(_memo, SignaturePolicyMemo.Key(_ws.ProjectDirectory, null, folders, otherMode), otherMode, DateTime.UtcNow));
        Assert.Null(SignaturePolicyMemo.Read(_memo, Key().Replace(FastPath.Build, "another-build"), Mode, DateTime.UtcNow));
        Assert.NotNull(SignaturePolicyMemo.Read(_memo, Key(), Mode, DateTime.UtcNow));
    }

    [Fact]
    public void A_relative_config_file_is_keyed_with_the_current_directory_it_is_found_from()
    {
        var folders = SignaturePolicy.NuGetConfigFolders();
        var absolute = Path.Combine(_ws.Root, "ci.config");

        Assert.Contains(Environment.CurrentDirectory, SignaturePolicyMemo.Key(_ws.ProjectDirectory, "ci.config", folders, Mode).Split('\n'));
        Assert.DoesNotContain(Environment.CurrentDirectory, SignaturePolicyMemo.Key(_ws.ProjectDirectory, absolute, folders, Mode).Split('\n'));
    }

    [Fact]
    public void A_damaged_or_old_memo_is_ignored()
    {
        WriteNuGetConfig(_ws.ProjectDirectory, requireMode: true);
        SignaturePolicyMemo.Load(_memo, _ws.ProjectDirectory, null, Mode, Settled);

        Assert.Null(SignaturePolicyMemo.Read(_memo, Key(), Mode, DateTime.UtcNow.AddHours(25)));

        File.WriteAllText(_memo, File.ReadAllText(_memo).Replace("require\ttrue", "require\tfalse"));
        Assert.Null(SignaturePolicyMemo.Read(_memo, Key(), Mode, DateTime.UtcNow));
    }

    [Fact]
    public void Inputs_changed_while_the_policy_was_read_key_no_memo()
    {
        WriteNuGetConfig(_ws.ProjectDirectory, requireMode: true);

        if (Mode == ChangeDetection.KernelIdentity)
        {
            // Settled before a time in the past: the nuget.config written a moment ago may still be being edited.
            SignaturePolicyMemo.Load(_memo, _ws.ProjectDirectory, null, Mode, DateTime.UtcNow.AddMinutes(-1));
        }
        else
        {
            // Digested before the load, edited before the memo is written: the policy read may be either version.
            var folders = SignaturePolicy.NuGetConfigFolders();
            using var before = HeldInputs.Hold(SignaturePolicyMemo.CandidateInputs(_ws.ProjectDirectory, null, folders), Array.Empty<string>());
            var policy = SignaturePolicy.Load(_ws.ProjectDirectory, null);
            WriteNuGetConfig(_ws.ProjectDirectory, requireMode: false);
            SignaturePolicyMemo.Write(_memo, Key(), policy, _ws.ProjectDirectory, before.StampForRecord);
        }

        Assert.False(File.Exists(_memo));
    }

    public void Dispose() => _ws.Dispose();

    private string Key() => SignaturePolicyMemo.Key(_ws.ProjectDirectory, null, SignaturePolicy.NuGetConfigFolders(), Mode);

    private static void WriteNuGetConfig(string directory, bool requireMode)
    {
        // Certificate fingerprints (public values), made up from a label so none is a real one.
        static string Fingerprint(string label) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(label)));
        File.WriteAllText(
            Path.Combine(directory, "nuget.config"),
            NuGetConfigText.SignaturePolicy(
                requireMode,
                NuGetConfigText.Author("SomeAuthor", Fingerprint("author"), allowUntrustedRoot: true),
                NuGetConfigText.Repository("SomeFeed", "https://feed.example/v3/index.json", Fingerprint("repository"), "owner-one;owner-two")));
    }
}

/// <summary>The memo with kernel identities (Linux).</summary>
public sealed class KernelIdentitySignaturePolicyMemoTests : SignaturePolicyMemoTests
{
    public KernelIdentitySignaturePolicyMemoTests()
        : base(contentDigests: false)
    {
    }
}

/// <summary>The memo with content digests (Windows), forced here so it runs on every system.</summary>
public sealed class ContentDigestSignaturePolicyMemoTests : SignaturePolicyMemoTests
{
    public ContentDigestSignaturePolicyMemoTests()
        : base(contentDigests: true)
    {
    }
}
