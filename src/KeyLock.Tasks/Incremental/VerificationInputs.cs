using System;
using System.Collections.Generic;
using System.IO;
using KeyLock.Tasks.LockFiles;
using KeyLock.Tasks.Packages;
using KeyLock.Tasks.Signing;

namespace KeyLock.Tasks.Incremental
{
    /// <summary>
    /// Every path a full verification depended on, collected after it passed: files it read (required) and places it looked
    /// for a file and found none (probes, so a file that appears there later is noticed). Over-collecting only costs a stamp
    /// and an occasional unnecessary full verification; missing one would let a change go unnoticed, so when in doubt, add it.
    /// </summary>
    internal sealed class VerificationInputs
    {
        private static readonly string[] NuGetConfigNames = { "nuget.config", "NuGet.config", "NuGet.Config" };

        private readonly List<(InputEntry Entry, bool Required)> _entries = new List<(InputEntry, bool)>();
        private readonly Dictionary<string, int> _index = new Dictionary<string, int>(StringComparer.Ordinal);

        public IReadOnlyList<(InputEntry Entry, bool Required)> Entries => _entries;

        /// <summary>Set when something the verification used can no longer be found: no pass can be recorded.</summary>
        public string? Incomplete { get; private set; }

        /// <summary>Everything a passing full verification with these inputs depended on.</summary>
        public static VerificationInputs Of(
            string projectDirectory,
            string projectName,
            string lockFilePath,
            string? assetsPath,
            ProjectAssets? assets,
            IReadOnlyList<LockedPackage> packages,
            PackageLocator locator,
            SignaturePolicy? signaturePolicy)
        {
            var inputs = new VerificationInputs();
            inputs.AddProjectLookups(projectDirectory, projectName);
            inputs.Require(lockFilePath);
            if (assetsPath != null)
            {
                inputs.Require(assetsPath);
            }

            if (signaturePolicy != null)
            {
                inputs.AddSignaturePolicyInputs(projectDirectory, signaturePolicy);
                foreach (var path in TrustStore.BundlePaths)
                {
                    inputs.Probe(path);
                }
            }

            foreach (var package in packages)
            {
                inputs.AddPackage(package, locator, assets?.ConsumedFiles(package.Id, package.Version));
            }

            inputs.AddKeyLockAssemblies();
            return inputs;
        }

        /// <summary>A file or folder the verification read: it must exist.</summary>
        public void Require(string path, bool followLinks = true) => Add(path, followLinks, required: true);

        /// <summary>A place the verification looked: whatever is (or is not) there now must stay so.</summary>
        public void Probe(string path, bool followLinks = true) => Add(path, followLinks, required: false);

        /// <summary>
        /// The lock-file names NuGet tries in the project folder, and keylock.json in the project folder and every folder
        /// above it, the way both are looked up.
        /// </summary>
        public void AddProjectLookups(string projectDirectory, string projectName)
        {
            Probe(Path.Combine(projectDirectory, "packages." + projectName.Replace(' ', '_') + ".lock.json"));
            Probe(Path.Combine(projectDirectory, LockFilePathResolver.DefaultFileName));
            for (var directory = new DirectoryInfo(projectDirectory); directory != null; directory = directory.Parent)
            {
                Probe(Path.Combine(directory.FullName, Policy.KeyLockPolicy.FileName));
            }
        }

        /// <summary>
        /// What the signature policy was read from: the nuget.config files NuGet loaded, every place it would find one from
        /// the project folder up, and the user-wide and machine-wide config folders (whatever appears there changes it).
        /// </summary>
        public void AddSignaturePolicyInputs(string projectDirectory, SignaturePolicy policy) =>
            AddSignaturePolicyInputs(projectDirectory, policy.ConfigFiles, policy.ConfigFolders);

        /// <summary>The same for config files and folders that are candidates, before NuGet has said which it read.</summary>
        public void AddSignaturePolicyInputs(string projectDirectory, IEnumerable<string> configFiles, IEnumerable<string> configFolders)
        {
            for (var directory = new DirectoryInfo(projectDirectory); directory != null; directory = directory.Parent)
            {
                foreach (var name in NuGetConfigNames)
                {
                    Probe(Path.Combine(directory.FullName, name));
                }
            }

            foreach (var path in configFiles)
            {
                Require(path);
            }

            foreach (var path in configFolders)
            {
                Add(path, followLinks: true, required: false, listsFolder: true);
            }
        }

        /// <summary>
        /// Where the locator looked for the package (stops at the folder that has it), the archive, its metadata, and every
        /// consumed extracted file with each folder between it and the package folder (not following links there: a
        /// link is a finding, KL5008, and must not stamp like its target).
        /// </summary>
        public void AddPackage(LockedPackage package, PackageLocator locator, IReadOnlyCollection<string>? consumedFiles)
        {
            string? nupkg = null;
            foreach (var (path, isArchive) in locator.ProbedPaths(package.Id, package.Version))
            {
                Probe(path, followLinks: false);
                if (isArchive && File.Exists(path))
                {
                    nupkg = path;
                }
            }

            if (nupkg == null)
            {
                // Verified a moment ago, gone now: nothing to record a pass for.
                Incomplete = package.DisplayName + " has no archive any more";
                return;
            }

            Require(nupkg, followLinks: false);
            var versionFolder = Path.GetDirectoryName(Path.GetFullPath(nupkg))!;
            foreach (var relativePath in consumedFiles ?? Array.Empty<string>())
            {
                var current = versionFolder;
                foreach (var segment in relativePath.Split('/'))
                {
                    current = Path.Combine(current, segment);
                    Require(current, followLinks: false);
                }
            }
        }

        /// <summary>The NuGet assemblies shipped next to KeyLock's task (KeyLock's own build is in the record's header).</summary>
        public void AddKeyLockAssemblies()
        {
            var directory = Path.GetDirectoryName(typeof(VerificationInputs).Assembly.Location);
            if (string.IsNullOrEmpty(directory))
            {
                return;
            }

            foreach (var assembly in Directory.GetFiles(directory!, "NuGet.*.dll"))
            {
                Require(assembly);
            }
        }

        private void Add(string path, bool followLinks, bool required, bool listsFolder = false)
        {
            var full = Path.GetFullPath(path);
            if (_index.TryGetValue(full, out var at))
            {
                // Looked for and also read: it must exist; one link rule, the stricter; listed if either asks.
                var known = _entries[at];
                _entries[at] = (new InputEntry(full, known.Entry.FollowLinks && followLinks, known.Entry.ListsFolder || listsFolder), known.Required || required);
                return;
            }

            _index[full] = _entries.Count;
            _entries.Add((new InputEntry(full, followLinks, listsFolder), required));
        }
    }
}
