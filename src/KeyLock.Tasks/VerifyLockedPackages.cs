using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using KeyLock.Tasks.Incremental;
using KeyLock.Tasks.LockFiles;
using KeyLock.Tasks.Packages;
using KeyLock.Tasks.Policy;
using KeyLock.Tasks.Reporting;
using KeyLock.Tasks.Signing;
using Microsoft.Build.Framework;
using Task = Microsoft.Build.Utilities.Task;

namespace KeyLock.Tasks
{
    /// <summary>
    /// Re-verifies, on every build, that what the build compiles and runs is what packages.lock.json and the signatures
    /// promise: the lock file matches what restore resolved (project.assets.json), each locked .nupkg still has the
    /// content hash the lock file records, every extracted file the build consumes is byte-identical to its archive entry,
    /// and the package's signature still satisfies policy. NuGet checks most of this only when it downloads a package and
    /// trusts the packages folder afterwards. No network access.
    /// </summary>
    public sealed class VerifyLockedPackages : Task, ICancelableTask
    {
        private readonly CancellationTokenSource _cancellation = new CancellationTokenSource();

        /// <summary>$(MSBuildProjectDirectory): base for relative paths and where NuGet looks for the lock file.</summary>
        [Required]
        public string ProjectDirectory { get; set; } = string.Empty;

        /// <summary>$(MSBuildProjectName): picks packages.&lt;name&gt;.lock.json when it exists.</summary>
        [Required]
        public string ProjectName { get; set; } = string.Empty;

        /// <summary>$(NuGetLockFilePath); empty means NuGet's default lookup.</summary>
        public string? LockFilePath { get; set; }

        /// <summary>Global packages folder first, then fallback folders.</summary>
        [Required]
        public ITaskItem[] PackageFolders { get; set; } = Array.Empty<ITaskItem>();

        /// <summary>$(ProjectAssetsFile): what restore resolved. Empty skips the lock-file comparison and the extracted-file check.</summary>
        public string? ProjectAssetsFile { get; set; }

        /// <summary>$(RestoreConfigFile): an explicit nuget.config; empty means NuGet's lookup from the project directory.</summary>
        public string? RestoreConfigFile { get; set; }

        /// <summary>The SDK's trustedroots folder (Linux/macOS trust roots for signatures); found next to MSBuild when empty.</summary>
        public string? TrustedRootsDirectory { get; set; }

        /// <summary>Verify signatures (KL6xxx). On by default.</summary>
        public bool VerifySignatures { get; set; } = true;

        /// <summary>error (default) or warning, for KL5007.</summary>
        public string? LockFileSeverity { get; set; }

        /// <summary>error (default) or warning, for KL5003-KL5006.</summary>
        public string? ContentHashSeverity { get; set; }

        /// <summary>error (default) or warning, for KL5008-KL5009.</summary>
        public string? ExtractedFilesSeverity { get; set; }

        /// <summary>error (default) or warning, for KL6001-KL6003.</summary>
        public string? SignatureSeverity { get; set; }

        /// <summary>$(KeyLockPolicyFile): an explicit keylock.json; empty means the first one found walking up from the project.</summary>
        public string? PolicyFile { get; set; }

        /// <summary>$(KeyLockMinimumPackageAgeDays): overrides keylock.json's minimumPackageAgeDays.</summary>
        public string? MinimumPackageAgeDays { get; set; }

        /// <summary>$(KeyLockBuildCodePolicy): warn, error or off; overrides keylock.json's buildCode.policy.</summary>
        public string? BuildCodePolicy { get; set; }

        /// <summary>$(KeyLockSbomOutput): where to write a CycloneDX SBOM of the verified graph; empty writes none.</summary>
        public string? SbomOutput { get; set; }

        /// <summary>
        /// $(KeyLockVerificationCacheFile): the verdict cache under obj/ (see VerdictStore and docs/threat-model.md); empty
        /// (or $(KeyLockVerificationCache)=false) verifies everything from scratch on every build.
        /// </summary>
        public string? VerificationCacheFile { get; set; }

        /// <summary>
        /// $(KeyLockChangeDetection): how the fast path tells that nothing changed since the last pass: <c>auto</c> (default:
        /// kernel identity on Linux, content digests on Windows, none elsewhere) or <c>content</c> (see <see cref="ChangeDetection"/>).
        /// </summary>
        public string? ChangeDetectionMode { get; set; }

        /// <summary>
        /// Analyzer assemblies the build loads from a packages folder that NuGet's conventions do not name (KeyLock's own
        /// ReadyToRun images, r2r/&lt;rid&gt;/): checked against their package's archive like its other consumed files.
        /// </summary>
        public ITaskItem[] AnalyzerFiles { get; set; } = Array.Empty<ITaskItem>();

        /// <summary>Packages that passed every check.</summary>
        [Output]
        public int VerifiedPackageCount { get; private set; }

        /// <summary>Why a remembered signature policy still holds (logged, and looked for by tests).</summary>
        internal const string PolicyUnchanged = "no nuget.config it was read from, or that NuGet would read, changed since";

        public void Cancel() => _cancellation.Cancel();

        public override bool Execute()
        {
            // The fast path runs before anything that loads NuGet: when nothing changed since the last pass, that is all.
            var fastPath = FastPathOrNull(out var settingProblem);
            if (fastPath != null && Replayed(fastPath))
            {
                return true;
            }

            var reporter = new FindingReporter(Log);
            if (settingProblem != null)
            {
                reporter.Report(settingProblem);
            }

            try
            {
                Run(reporter, fastPath);
            }
            catch (OperationCanceledException) when (_cancellation.IsCancellationRequested)
            {
                Log.LogMessage(MessageImportance.Normal, "KeyLock: package verification was cancelled.");
                return false;
            }
            catch (Exception ex)
            {
                // Fail closed with a KeyLock code instead of MSBuild's generic MSB4018 crash report.
                var unwrapped = ex is AggregateException aggregate && aggregate.InnerExceptions.Count == 1 ? aggregate.InnerExceptions[0] : ex;
                reporter.Report(Findings.InternalFailure(SourceLocation.InFile(ProjectFileForErrors()), unwrapped));
            }

            if (Log.HasLoggedErrors)
            {
                fastPath?.Forget("verification failed");
            }

            return !Log.HasLoggedErrors;
        }

        /// <summary>
        /// The fast path (see <see cref="FastPath"/>), or null with the verdict cache off, an SBOM requested (an SBOM is
        /// written from a full verification's package facts, so that build always verifies fully), or no trustworthy way to
        /// tell that files are unchanged on this system.
        /// </summary>
        private FastPath? FastPathOrNull(out Finding? settingProblem)
        {
            settingProblem = null;
            if (string.IsNullOrWhiteSpace(VerificationCacheFile) || !string.IsNullOrWhiteSpace(SbomOutput))
            {
                return null;
            }

            try
            {
                var projectDirectory = Path.GetFullPath(ProjectDirectory);
                var mode = ChangeDetectionChoice.For(ChangeDetectionMode, projectDirectory, out var problem);
                if (mode == null)
                {
                    settingProblem = Findings.InvalidSetting(
                        ProjectFileForErrors(),
                        "KeyLockChangeDetection",
                        ChangeDetectionMode!,
                        $"{ChangeDetectionChoice.Automatic} or {ChangeDetectionChoice.Content}",
                        "this build verifies every package from scratch");
                    return null;
                }

                if (mode == ChangeDetection.None)
                {
                    Log.LogMessage(MessageImportance.Low, "KeyLock: no fast path (no trustworthy way to tell unchanged files on this system); full verification.");
                    return null;
                }

                var parameters = TaskParameters.Fingerprint(this, projectDirectory) + "|" + TaskParameters.EnvironmentFingerprint(Environment.GetEnvironmentVariables());
                return new FastPath(VerdictFilePath(projectDirectory)!, parameters, mode.Value);
            }
            catch (Exception ex) when (ex is ArgumentException || ex is IOException || ex is NotSupportedException || ex is InvalidOperationException)
            {
                Log.LogMessage(MessageImportance.Low, $"KeyLock: no fast path ({ex.Message}).");
                return null;
            }
        }

        private bool Replayed(FastPath fastPath)
        {
            try
            {
                if (fastPath.TryReplay(Log, out var count))
                {
                    VerifiedPackageCount = count;
                    return true;
                }
            }
            catch (Exception ex) when (!(ex is OutOfMemoryException))
            {
                // A pass record that cannot be checked is no pass: verify everything instead of failing or passing.
                Log.LogMessage(MessageImportance.Low, $"KeyLock: pass record not usable ({ex.Message}); full verification.");
            }

            return false;
        }

        private void Run(FindingReporter reporter, FastPath? fastPath)
        {
            VerifiedPackageCount = 0;
            var replayable = new List<(MessageImportance Importance, string Text)>();
            void Say(MessageImportance importance, string text)
            {
                Log.LogMessage(importance, text);
                replayable.Add((importance, text));
            }

            var projectDirectory = Path.GetFullPath(ProjectDirectory);
            var settingFindings = new List<Finding>();
            var supplyChain = SupplyChainChecks.Load(
                projectDirectory,
                ProjectFileForErrors(),
                new PolicyLoader.Overrides { PolicyFile = PolicyFile, MinimumPackageAgeDays = MinimumPackageAgeDays, BuildCodePolicy = BuildCodePolicy },
                settingFindings);
            reporter.Severity = SeverityPolicy.Parse(
                new[]
                {
                    (CheckKind.LockFile, "KeyLockLockFileSeverity", LockFileSeverity),
                    (CheckKind.ContentHash, "KeyLockContentHashSeverity", ContentHashSeverity),
                    (CheckKind.ExtractedFiles, "KeyLockExtractedFilesSeverity", ExtractedFilesSeverity),
                    (CheckKind.Signature, "KeyLockSignatureSeverity", SignatureSeverity),
                    (CheckKind.BuildCode, "KeyLockBuildCodePolicy", supplyChain.BuildCodeSeverity),
                },
                ProjectFileForErrors(),
                settingFindings);
            reporter.ReportAll(settingFindings);

            var lockFilePath = LockFilePathResolver.Resolve(projectDirectory, ProjectName, LockFilePath);

            if (!File.Exists(lockFilePath))
            {
                reporter.Report(Findings.LockFileMissing(
                    ProjectFileForErrors(), ProjectName, lockFilePath, pathWasSet: !string.IsNullOrWhiteSpace(LockFilePath)));
                return;
            }

            var cache = ContentHashCache.ForBuild(BuildEngine);
            var verdictFile = VerdictFilePath(projectDirectory);
            var reused = verdictFile == null ? 0 : VerdictStore.Load(verdictFile, cache);
            string? trustRoots = null;
            if (VerifySignatures)
            {
                trustRoots = TrustStore.Locate(TrustedRootsDirectory);
                if (reused == 0)
                {
                    // No verdict to reuse, so signatures will be verified: parse the trust roots while the files are read.
                    TrustStore.ApplyToVerifierInBackground();
                }
            }

            // The lock file, the assets file and nuget.config do not depend on each other, and reading each is mostly
            // JIT-compiling NuGet's readers: side by side they take about as long as the longest.
            var folders = PackageFolderList.Normalize(PackageFolders, projectDirectory);
            var assetsPath = string.IsNullOrWhiteSpace(ProjectAssetsFile) ? null : Path.GetFullPath(Path.Combine(projectDirectory, ProjectAssetsFile!.Trim()));
            var assetsFindings = new List<Finding>();
            var assetsRead = assetsPath == null ? null : System.Threading.Tasks.Task.Run(() => ProjectAssets.Read(assetsPath, lockFilePath, assetsFindings));
            var policyRead = VerifySignatures ? System.Threading.Tasks.Task.Run(() => LoadSignaturePolicy(projectDirectory, verdictFile, fastPath, cache)) : null;
            var lockFile = LockFileReader.Read(lockFilePath);
            var locator = new PackageLocator(folders);
            if (VerifySignatures && reused > 0 && SignatureCheck.SomeVerdictMissing(lockFile.Packages, locator, cache))
            {
                // A restore brought an archive whose signature was never verified here: parse the trust roots while the
                // assets file and the policy are still being read, instead of before that archive's verification.
                TrustStore.ApplyToVerifierInBackground();
            }

            var assets = assetsRead?.GetAwaiter().GetResult();
            var (signaturePolicy, policyMemo) = policyRead?.GetAwaiter().GetResult() ?? (null, null);
            if (policyMemo != null)
            {
                Log.LogMessage(MessageImportance.Low, $"KeyLock: signature policy remembered in {policyMemo}: {PolicyUnchanged}.");
            }

            var findings = new List<Finding>(lockFile.Findings);
            findings.AddRange(assetsFindings);
            var checks = new List<IPackageCheck> { new ContentHashCheck(cache) };
            var checkedWhat = new List<string> { "content hash" };
            if (assets != null)
            {
                var assetsDisplay = DisplayPath(projectDirectory, assetsPath!);
                assets.AddLoadedFiles(PackageFolderList.Normalize(AnalyzerFiles, projectDirectory), folders);
                var consumed = assets;
                findings.AddRange(LockFileConsistency.Compare(lockFilePath, lockFile, assets, assetsDisplay));
                checks.Add(new ExtractedFilesCheck(p => consumed.ConsumedFiles(p.Id, p.Version), cache, assetsDisplay));
                checkedWhat.Insert(0, "lock file against restore");
                checkedWhat.Add("extracted files");
            }

            if (signaturePolicy != null)
            {
                checks.Add(new SignatureCheck(signaturePolicy, cache, assets == null ? RestoreSources.Unknown : RestoreSources.From(assets)));
                checkedWhat.Add(signaturePolicy.RequireSignatures ? "signatures (require mode)" : "signatures");
            }

            // What a recorded pass will rest on, known before the checks read it: content digests hold every file from now on.
            var inputs = fastPath == null ? null : VerificationInputs.Of(projectDirectory, ProjectName, lockFilePath, assetsPath, assets, lockFile.Packages, locator, signaturePolicy);
            using var held = fastPath?.Mode == ChangeDetection.ContentDigest ? HeldInputs.Hold(inputs!, folders) : null;
            var verifier = new PackageVerifier(locator, checks, PackageVerifier.DefaultParallelism);
            var result = verifier.VerifyAll(lockFile.Packages, _cancellation.Token);
            findings.AddRange(result.Findings);
            findings.AddRange(supplyChain.Check(lockFile, folders, cache, _cancellation.Token));
            if (verdictFile != null)
            {
                var problem = VerdictStore.Save(verdictFile, cache);
                Log.LogMessage(
                    MessageImportance.Low,
                    problem == null
                        ? $"KeyLock: verdict cache {verdictFile}: {reused} verdict(s) from earlier builds (unchanged files only) were available."
                        : $"KeyLock: verdict cache {verdictFile} not written ({problem}); the next build verifies everything again.");
            }

            reporter.ReportAll(findings);
            VerifiedPackageCount = result.VerifiedCount;
            if (trustRoots != null)
            {
                Say(MessageImportance.Low, $"KeyLock: signature trust roots from {trustRoots}; revocation checked offline only.");
            }

            supplyChain.WriteSbom(SbomOutput, projectDirectory, ProjectName, lockFile, reporter, Log);
            foreach (var (importance, text) in supplyChain.SummaryLines())
            {
                Say(importance, text);
            }

            var display = DisplayPath(projectDirectory, lockFilePath);
            var what = string.Join(", ", checkedWhat);
            if (reporter.ErrorCount == 0)
            {
                // Exact prefix "KeyLock: verified N packages" is what the targets and integration tests look for.
                var warnings = reporter.WarningCount == 0 ? string.Empty : $"; {reporter.WarningCount} finding(s) reported as warnings";
                var summary = $"KeyLock: verified {result.VerifiedCount} packages against {display} ({what}){warnings}";
                Log.LogMessage(MessageImportance.High, summary);
                if (fastPath != null)
                {
                    // Only passes are recorded (errors are always found again); the same inputs would give the same warnings.
                    var notRecorded = RecordPass(
                        fastPath,
                        inputs!,
                        held,
                        signaturePolicy,
                        cache,
                        reporter.Warnings,
                        replayable,
                        summary);
                    Log.LogMessage(
                        MessageImportance.Low,
                        notRecorded == null ? "KeyLock: pass recorded for the fast path." : $"KeyLock: pass not recorded for the fast path ({notRecorded}).");
                }
            }
            else
            {
                Log.LogMessage(
                    MessageImportance.High,
                    $"KeyLock: package verification failed against {display}: {reporter.ErrorCount} error(s); " +
                    $"{result.VerifiedCount} of {lockFile.Packages.Count} packages with a content hash passed every check ({what}).");
            }
        }

        /// <summary>
        /// The policy from nuget.config, or the one the last full verification read when none of its inputs changed (where
        /// the fast path can tell: <see cref="SignaturePolicyMemo"/>); then also the memo's path. Runs beside the other reads,
        /// so it does not log.
        /// </summary>
        private (SignaturePolicy Policy, string? RememberedIn) LoadSignaturePolicy(string projectDirectory, string? verdictFile, FastPath? fastPath, ContentHashCache cache)
        {
            if (verdictFile == null || fastPath == null)
            {
                return (SignaturePolicy.Load(projectDirectory, RestoreConfigFile), null);
            }

            var memo = SignaturePolicyMemo.PathFor(verdictFile);
            var (policy, remembered) = SignaturePolicyMemo.Load(memo, projectDirectory, RestoreConfigFile, fastPath.Mode, cache.SettledBefore);
            return (policy, remembered ? memo : null);
        }

        /// <summary>The verdict cache file, or null when the cache is off.</summary>
        private string? VerdictFilePath(string projectDirectory) =>
            string.IsNullOrWhiteSpace(VerificationCacheFile) ? null : Path.GetFullPath(Path.Combine(projectDirectory, VerificationCacheFile!.Trim()));

        /// <summary>Records this passing verification for the fast path; null when recorded, else why not.</summary>
        private string? RecordPass(
            FastPath fastPath,
            VerificationInputs inputs,
            HeldInputs? held,
            SignaturePolicy? signaturePolicy,
            ContentHashCache cache,
            IEnumerable<Finding> warnings,
            IEnumerable<(MessageImportance, string)> messages,
            string summary)
        {
            // Certificate bundles are inputs either way; with kernel identities their identity must also be known. The
            // platform trust store (Windows) has no file to stamp: a change there is seen at the 24 h re-verification.
            if (fastPath.Mode == ChangeDetection.KernelIdentity && signaturePolicy != null && TrustStore.Identity.Length == 0)
            {
                return fastPath.Forget("the signature trust roots have no kernel identity");
            }

            // The pass is as old as the oldest verdict it rests on (verdicts from earlier builds keep their time).
            return fastPath.Record(
                inputs, held, warnings, messages, summary, VerifiedPackageCount, cache.SettledBefore, cache.OldestDurableVerdict(DateTime.UtcNow));
        }

        private string ProjectFileForErrors()
        {
            // The project file is where the fix for a missing lock file goes; fall back to the directory in unit tests.
            var projectFile = BuildEngine?.ProjectFileOfTaskNode;
            return string.IsNullOrEmpty(projectFile) ? ProjectDirectory : projectFile!;
        }

        private static string DisplayPath(string projectDirectory, string path)
        {
            var prefix = projectDirectory.TrimEnd(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar) + Path.DirectorySeparatorChar;
            return path.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) ? path.Substring(prefix.Length) : path;
        }
    }
}
