using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading;
using NuGet.Packaging;
using NuGet.Packaging.Signing;

// usage: KeyLock.NuGetVerifierCost PACKAGES_LOCK_JSON PACKAGES_FOLDER [PASSES]
//   Verifies the signatures of every package the lock file pins (found in PACKAGES_FOLDER, the global-packages layout)
//   with NuGet's verifier and `dotnet nuget verify`'s default policy, one package after another, PASSES (3) times.
if (args.Length < 2)
{
    Console.Error.WriteLine("usage: KeyLock.NuGetVerifierCost PACKAGES_LOCK_JSON PACKAGES_FOLDER [PASSES]");
    return 2;
}

var archives = LockedArchives(args[0], args[1]);
var passes = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 3;
var verifier = new PackageSignatureVerifier(new ISignatureVerificationProvider[]
{
    new IntegrityVerificationProvider(),
    new SignatureTrustAndValidityVerificationProvider(),
});
var settings = SignedPackageVerifierSettings.GetVerifyCommandDefaultPolicy();
Console.WriteLine($"{archives.Count} archives, {archives.Sum(a => new FileInfo(a).Length) / 1048576.0:F1} MiB");
for (var pass = 1; pass <= passes; pass++)
{
    var process = Process.GetCurrentProcess();
    var cpuBefore = process.TotalProcessorTime;
    var jitBefore = System.Runtime.JitInfo.GetCompilationTime();
    var clock = Stopwatch.StartNew();
    var valid = 0;
    foreach (var archive in archives)
    {
        using var reader = new PackageArchiveReader(archive);
        var result = await verifier.VerifySignaturesAsync(reader, settings, CancellationToken.None);
        valid += result.IsValid ? 1 : 0;
    }

    process.Refresh();
    Console.WriteLine($"pass {pass}: {valid} of {archives.Count} valid; wall {clock.ElapsedMilliseconds} ms, CPU {(process.TotalProcessorTime - cpuBefore).TotalMilliseconds:F0} ms, of which JIT {(System.Runtime.JitInfo.GetCompilationTime() - jitBefore).TotalMilliseconds:F0} ms");
}

return 0;

static List<string> LockedArchives(string lockFile, string packagesFolder)
{
    using var document = JsonDocument.Parse(File.ReadAllText(lockFile));
    var archives = new SortedSet<string>(StringComparer.Ordinal);
    foreach (var framework in document.RootElement.GetProperty("dependencies").EnumerateObject())
    {
        foreach (var package in framework.Value.EnumerateObject())
        {
            // KeyLock itself is left out, as run.sh leaves it out of the sha512sum and `dotnet nuget verify` rows.
            if (package.Value.TryGetProperty("resolved", out var resolved) && package.Value.GetProperty("type").GetString() != "Project"
                && !package.Name.Equals("KeyLock", StringComparison.OrdinalIgnoreCase))
            {
                var id = package.Name.ToLowerInvariant();
                var version = resolved.GetString()!.ToLowerInvariant();
                var archive = Path.Combine(packagesFolder, id, version, $"{id}.{version}.nupkg");
                if (File.Exists(archive))
                {
                    archives.Add(archive);
                }
            }
        }
    }

    return archives.ToList();
}
