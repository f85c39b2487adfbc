using System;
using System.Collections.Generic;
using System.IO;
using System.Text.Json;
using KeyLock.Tasks.Reporting;
using Microsoft.Build.Framework;
using Task = Microsoft.Build.Utilities.Task;

namespace KeyLock.Tasks.Hardened
{
    /// <summary>
    /// Hardened mode (KeyLock as an MSBuild project SDK) verifies right after restore, in the restore evaluation, where
    /// obj/*.nuget.g.props is not imported and so $(NuGetPackageRoot) is empty. The packages folders restore used are in
    /// project.assets.json ("packageFolders", global packages folder first); this task reads them from there.
    /// </summary>
    public sealed class ReadRestorePackageFolders : Task
    {
        [Required]
        public string ProjectAssetsFile { get; set; } = string.Empty;

        /// <summary>The global packages folder: what $(NuGetPackageRoot) holds in a build.</summary>
        [Output]
        public string PackageRoot { get; private set; } = string.Empty;

        /// <summary>Every packages folder, ';'-separated: what $(NuGetPackageFolders) holds in a build.</summary>
        [Output]
        public string PackageFolders { get; private set; } = string.Empty;

        public override bool Execute()
        {
            try
            {
                var folders = Read(ProjectAssetsFile);
                if (folders.Count == 0)
                {
                    throw new InvalidDataException($"'{ProjectAssetsFile}' lists no packageFolders.");
                }

                PackageRoot = folders[0];
                PackageFolders = string.Join(";", folders);
                return true;
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException || ex is JsonException || ex is InvalidDataException)
            {
                var finding = Findings.InternalFailure(SourceLocation.InFile(ProjectAssetsFile), ex);
                Log.LogError(null, finding.Code.Id, null, finding.Location.File, 0, 0, 0, 0,
                    "KeyLock hardened mode cannot find the packages folders restore used: " + Findings.Describe(ex) +
                    " The build stops because packages that cannot be located cannot be verified.");
                return false;
            }
        }

        internal static IReadOnlyList<string> Read(string assetsFile)
        {
            using (var document = JsonDocument.Parse(File.ReadAllBytes(assetsFile)))
            {
                var folders = new List<string>();
                if (document.RootElement.ValueKind == JsonValueKind.Object
                    && document.RootElement.TryGetProperty("packageFolders", out var packageFolders)
                    && packageFolders.ValueKind == JsonValueKind.Object)
                {
                    foreach (var folder in packageFolders.EnumerateObject())
                    {
                        folders.Add(folder.Name);
                    }
                }

                return folders;
            }
        }
    }
}
