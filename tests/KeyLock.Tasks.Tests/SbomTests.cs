using System.Text.Json;
using KeyLock.Tasks.Packages;
using KeyLock.Tasks.Sbom;
using KeyLock.Tasks.Tests.Infrastructure;

namespace KeyLock.Tasks.Tests;

public sealed class SbomTests : IDisposable
{
    private const string Newtonsoft = "Newtonsoft.Json";
    private const string NewtonsoftVersion = "13.0.3";

    private readonly Workspace _ws = new();
    private readonly FakeBuildEngine _engine = new();

    public void Dispose() => _ws.Dispose();

    /// <summary>A lock file where Alpha (direct) depends on Beta (transitive), plus the real, nuget.org-signed Newtonsoft.Json.</summary>
    private string WriteGraph()
    {
        var alpha = _ws.AddPackage("Alpha", "1.0.0");
        var beta = _ws.AddPackage("Beta", "2.0.0-rc.1", type: "Transitive");
        var nupkg = TestPackage.NupkgPath(_ws.GlobalPackages, Newtonsoft, NewtonsoftVersion);
        Directory.CreateDirectory(Path.GetDirectoryName(nupkg)!);
        File.Copy(PackageFiles.RealSignedPackage(Newtonsoft, NewtonsoftVersion), nupkg);
        var newtonsoftHash = ContentHasher.Compute(nupkg, CancellationToken.None);
        File.WriteAllText(_ws.DefaultLockFile, $$"""
            {
              "version": 1,
              "dependencies": {
                "net10.0": {
                  "Alpha": {
                    "type": "Direct",
                    "requested": "[1.0.0, )",
                    "resolved": "1.0.0",
                    "contentHash": "{{alpha.ContentHash}}",
                    "dependencies": {
                      "Beta": "2.0.0-rc.1"
                    }
                  },
                  "Newtonsoft.Json": {
                    "type": "Direct",
                    "requested": "[13.0.3, )",
                    "resolved": "13.0.3",
                    "contentHash": "{{newtonsoftHash}}"
                  },
                  "Beta": {
                    "type": "Transitive",
                    "resolved": "2.0.0-rc.1",
                    "contentHash": "{{beta.ContentHash}}"
                  }
                }
              }
            }
            """);
        return _ws.DefaultLockFile;
    }

    private VerifyLockedPackages Task(string output)
    {
        var task = _ws.CreateTask(_engine);
        task.VerifySignatures = false;
        task.SbomOutput = output;
        return task;
    }

    [Fact]
    public void SBOM_is_CycloneDX_1_6_with_lock_file_hashes_licences_signers_and_the_dependency_tree()
    {
        var lockFile = WriteGraph();

        Assert.True(Task("out/sbom.cdx.json").Execute());

        Assert.Empty(_engine.Errors);
        var path = Path.Combine(_ws.ProjectDirectory, "out", "sbom.cdx.json");
        Assert.Contains(_engine.Messages, m => m.Message == $"KeyLock: wrote CycloneDX 1.6 SBOM of 3 packages to {path}");
        using var sbom = JsonDocument.Parse(File.ReadAllText(path));
        var root = sbom.RootElement;
        Assert.Equal("CycloneDX", root.GetProperty("bomFormat").GetString());
        Assert.Equal("1.6", root.GetProperty("specVersion").GetString());
        Assert.Matches("^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$", root.GetProperty("serialNumber").GetString());
        Assert.Equal(1, root.GetProperty("version").GetInt32());
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$", root.GetProperty("metadata").GetProperty("timestamp").GetString());
        Assert.Equal("KeyLock", root.GetProperty("metadata").GetProperty("tools").GetProperty("components")[0].GetProperty("name").GetString());
        var project = root.GetProperty("metadata").GetProperty("component");
        Assert.Equal("App", project.GetProperty("name").GetString());

        // Every component: a library whose purl is its bom-ref and whose SHA-512 is the lock file's contentHash.
        var expectedHashes = LockFileHashes(lockFile);
        var components = root.GetProperty("components").EnumerateArray().ToList();
        Assert.Equal(3, components.Count);
        foreach (var component in components)
        {
            var name = component.GetProperty("name").GetString()!;
            var version = component.GetProperty("version").GetString()!;
            Assert.Equal("library", component.GetProperty("type").GetString());
            Assert.Equal($"pkg:nuget/{name}@{version}", component.GetProperty("purl").GetString());
            Assert.Equal(component.GetProperty("purl").GetString(), component.GetProperty("bom-ref").GetString());
            var hash = Assert.Single(component.GetProperty("hashes").EnumerateArray());
            Assert.Equal("SHA-512", hash.GetProperty("alg").GetString());
            Assert.Matches("^[a-f0-9]{128}$", hash.GetProperty("content").GetString());
            Assert.Equal(expectedHashes[name], hash.GetProperty("content").GetString());
        }

        var newtonsoft = components.Single(c => c.GetProperty("name").GetString() == Newtonsoft);
        Assert.Equal("MIT", Assert.Single(newtonsoft.GetProperty("licenses").EnumerateArray()).GetProperty("expression").GetString());
        var properties = newtonsoft.GetProperty("properties").EnumerateArray()
            .ToDictionary(p => p.GetProperty("name").GetString()!, p => p.GetProperty("value").GetString()!);
        Assert.Contains("api.nuget.org", properties["keylock:nuget:repositorySigner"]);
        Assert.StartsWith("2023-03-", properties["keylock:nuget:publishedAt"]);
        Assert.True(properties.ContainsKey("keylock:nuget:authorSigner"));

        // Dependency tree: the project depends on its direct references; Alpha on Beta; every ref is declared.
        var dependencies = root.GetProperty("dependencies").EnumerateArray()
            .ToDictionary(d => d.GetProperty("ref").GetString()!, d => d.GetProperty("dependsOn").EnumerateArray().Select(e => e.GetString()!).ToList());
        var declared = components.Select(c => c.GetProperty("bom-ref").GetString()!).Append(project.GetProperty("bom-ref").GetString()!).ToHashSet();
        Assert.All(dependencies, d =>
        {
            Assert.Contains(d.Key, declared);
            Assert.All(d.Value, child => Assert.Contains(child, declared));
        });
        Assert.Equal(declared.Count, dependencies.Count);
        Assert.Equal(new[] { "pkg:nuget/Alpha@1.0.0", "pkg:nuget/Newtonsoft.Json@13.0.3" }, dependencies[project.GetProperty("bom-ref").GetString()!]);
        Assert.Equal(new[] { "pkg:nuget/Beta@2.0.0-rc.1" }, dependencies["pkg:nuget/Alpha@1.0.0"]);
        Assert.Empty(dependencies["pkg:nuget/Beta@2.0.0-rc.1"]);
    }

    [Fact]
    public void SBOM_is_not_written_when_verification_fails()
    {
        WriteGraph();
        TestPackage.WriteArchive(TestPackage.NupkgPath(_ws.GlobalPackages, "Beta", "2.0.0-rc.1"), "Beta", "2.0.0-rc.1", "tampered");

        Assert.False(Task("sbom.json").Execute());

        Assert.Equal("KL5003", Assert.Single(_engine.Errors).Code);
        Assert.False(File.Exists(Path.Combine(_ws.ProjectDirectory, "sbom.json")));
        Assert.Contains(_engine.Messages, m => m.Message!.StartsWith("KeyLock: SBOM not written to", StringComparison.Ordinal));
    }

    [Fact]
    public void Unwritable_SBOM_path_is_KL8001()
    {
        WriteGraph();
        File.WriteAllText(Path.Combine(_ws.ProjectDirectory, "blocker"), "a file where a folder should be");

        Assert.False(Task("blocker/sbom.json").Execute());

        var error = Assert.Single(_engine.Errors);
        Assert.Equal("KL8001", error.Code);
        Assert.Contains("blocker", error.Message);
        Assert.DoesNotContain(_engine.Messages, m => m.Message!.StartsWith("KeyLock: verified", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("AQID", null)]
    [InlineData("not base64!", null)]
    public void Hash_that_is_not_SHA_512_is_left_out(string base64, string? expected) =>
        Assert.Equal(expected, CycloneDxWriter.HexSha512(base64));

    [Fact]
    public void Purl_escapes_what_a_purl_must_escape() =>
        Assert.Equal("pkg:nuget/Contoso.Lib@1.0.0-beta%2Bbuild", CycloneDxWriter.Purl("Contoso.Lib", "1.0.0-beta+build"));

    /// <summary>Lock-file hashes decoded independently of KeyLock: name -> lower-case hex.</summary>
    private static Dictionary<string, string> LockFileHashes(string lockFile)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(lockFile));
        return doc.RootElement.GetProperty("dependencies").EnumerateObject().SelectMany(t => t.Value.EnumerateObject())
            .ToDictionary(e => e.Name, e => Convert.ToHexString(Convert.FromBase64String(e.Value.GetProperty("contentHash").GetString()!)).ToLowerInvariant());
    }
}
