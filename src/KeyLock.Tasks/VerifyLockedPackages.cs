using System;
using System.IO;
using System.Linq;
using System.Threading;
using KeyLock.Tasks.LockFiles;
using KeyLock.Tasks.Packages;
using KeyLock.Tasks.Reporting;
using Microsoft.Build.Framework;
using Task = Microsoft.Build.Utilities.Task;

namespace KeyLock.Tasks
{
    /// <summary>
    /// Re-verifies, on every build, that each package pinned in the project's packages.lock.json still has the
    /// content hash the lock file records, by hashing the .nupkg in the packages folder. NuGet checks this only
    /// when it downloads a package and trusts the packages folder afterwards.
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

        /// <summary>Packages that passed every check.</summary>
        [Output]
        public int VerifiedPackageCount { get; private set; }

        public void Cancel() => _cancellation.Cancel();

        public override bool Execute()
        {
            var reporter = new FindingReporter(Log);
            try
            {
                Run(reporter);
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

            return !Log.HasLoggedErrors;
        }

        private void Run(FindingReporter reporter)
        {
            VerifiedPackageCount = 0;
            var projectDirectory = Path.GetFullPath(ProjectDirectory);
            var lockFilePath = LockFilePathResolver.Resolve(projectDirectory, ProjectName, LockFilePath);

            if (!File.Exists(lockFilePath))
            {
                reporter.Report(Findings.LockFileMissing(
                    ProjectFileForErrors(), ProjectName, lockFilePath, pathWasSet: !string.IsNullOrWhiteSpace(LockFilePath)));
                return;
            }

            var lockFile = LockFileReader.Read(lockFilePath);

            var folders = PackageFolderList.Normalize(PackageFolders, projectDirectory);
            var checks = new IPackageCheck[] { new ContentHashCheck(ContentHashCache.ForBuild(BuildEngine)) };
            var verifier = new PackageVerifier(new PackageLocator(folders), checks, PackageVerifier.DefaultParallelism);
            var result = verifier.VerifyAll(lockFile.Packages, _cancellation.Token);

            var errors = reporter.ReportAll(lockFile.Findings.Concat(result.Findings));
            VerifiedPackageCount = result.VerifiedCount;

            var display = DisplayPath(projectDirectory, lockFilePath);
            if (errors == 0)
            {
                // Exact prefix "KeyLock: verified N packages" is what the targets and integration tests look for.
                Log.LogMessage(
                    MessageImportance.High,
                    $"KeyLock: verified {result.VerifiedCount} packages against {display} (content hash of each .nupkg re-computed)");
            }
            else
            {
                Log.LogMessage(
                    MessageImportance.High,
                    $"KeyLock: package verification failed against {display}: {errors} error(s); " +
                    $"{result.VerifiedCount} of {lockFile.Packages.Count} packages with a content hash verified.");
            }
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
