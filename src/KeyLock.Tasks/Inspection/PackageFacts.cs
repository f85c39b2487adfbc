using System;
using System.Collections.Generic;

namespace KeyLock.Tasks.Inspection
{
    /// <summary>
    /// What the supply-chain policy needs to know about one cached .nupkg, read once per build: the build-time code it
    /// carries, when nuget.org published it (repository signature timestamp), who signed it, and its licence.
    /// </summary>
    internal sealed class PackageFacts
    {
        /// <summary>build/, buildTransitive/ and buildMultiTargeting/ .props and .targets files (MSBuild imports them).</summary>
        public IReadOnlyList<string> BuildFiles { get; set; } = Array.Empty<string>();

        /// <summary>analyzers/**.dll: analyzers and source generators, loaded into the compiler.</summary>
        public IReadOnlyList<string> AnalyzerFiles { get; set; } = Array.Empty<string>();

        /// <summary>tools/**.ps1: install/init scripts Visual Studio's package manager runs.</summary>
        public IReadOnlyList<string> ToolScripts { get; set; } = Array.Empty<string>();

        public bool HasBuildCode => BuildFiles.Count > 0 || AnalyzerFiles.Count > 0 || ToolScripts.Count > 0;

        /// <summary>The nuget.org repository signature's RFC 3161 timestamp: when nuget.org ingested the package.</summary>
        public DateTimeOffset? PublishedAt { get; set; }

        /// <summary>Why <see cref="PublishedAt"/> is null ("unsigned", "no repository signature", …).</summary>
        public string? NoPublicationTimeReason { get; set; }

        /// <summary>Subject of the author signature's certificate, when the primary signature is an author signature.</summary>
        public string? AuthorSigner { get; set; }

        /// <summary>Service index (or certificate subject) of the repository signature or countersignature.</summary>
        public string? RepositorySigner { get; set; }

        public bool MicrosoftAuthorSigned { get; set; }

        /// <summary>nuspec license expression (type="expression").</summary>
        public string? LicenseExpression { get; set; }

        /// <summary>nuspec license file (type="file"), a path inside the package.</summary>
        public string? LicenseFile { get; set; }

        /// <summary>nuspec licenseUrl (deprecated, still common).</summary>
        public string? LicenseUrl { get; set; }

        /// <summary>Set when the archive could not be read at all (the content hash check reports that as KL5005).</summary>
        public string? ReadProblem { get; set; }
    }
}
