using System;
using System.Collections.Generic;
using System.Linq;
using KeyLock.Tasks.LockFiles;

namespace KeyLock.Tasks.Signing
{
    /// <summary>
    /// The package sources this project's restore used (<c>project.restore.sources</c> in project.assets.json, after
    /// nuget.config, <c>RestoreSources</c> and <c>--source</c> were applied). A package's <c>.nupkg.metadata</c> names the
    /// source it came from, and the signature rule depends on it (nuget.org packages must carry nuget.org's signature), but
    /// whoever can strip a signature in the packages folder can rewrite or delete that file too. So a package is let off the
    /// nuget.org rule only by naming a source this restore actually uses; when nuget.org is one of them, any other claim
    /// (another source, none at all) is held to the nuget.org rule.
    /// </summary>
    internal sealed class RestoreSources
    {
        /// <summary>No assets file, or one without a restore section: every claim is taken as written (the rule before this check).</summary>
        public static readonly RestoreSources Unknown = new RestoreSources(null);

        private readonly string[]? _sources;

        // Whether nuget.org is one of the sources, so that any package could have come from it.
        private readonly bool _includesNuGetOrg;

        private RestoreSources(IEnumerable<string>? sources)
        {
            _sources = sources?.Where(s => !string.IsNullOrWhiteSpace(s)).Select(Normalize).Distinct(StringComparer.OrdinalIgnoreCase).ToArray();
            _includesNuGetOrg = _sources != null && _sources.Any(SignaturePolicy.IsNuGetOrg);
        }

        public static RestoreSources From(ProjectAssets assets) =>
            assets.RestoreSources == null ? Unknown : new RestoreSources(assets.RestoreSources);

        /// <summary>
        /// True when a package whose metadata names <paramref name="claimedSource"/> (null: no metadata, or no source in it)
        /// must meet the nuget.org rule although the claim is not nuget.org: nuget.org is a source of this restore and the
        /// claimed one is not.
        /// </summary>
        public bool HoldsToNuGetOrgRule(string? claimedSource) =>
            _includesNuGetOrg && !SignaturePolicy.IsNuGetOrg(claimedSource) && !Contains(claimedSource);

        // A source is a URL or a folder path as nuget.config spells it, and NuGet writes that same string into the metadata;
        // trailing separators and case are not what tells two sources apart (case only ever makes this check more lenient).
        private bool Contains(string? source) =>
            source != null && _sources != null && _sources.Contains(Normalize(source), StringComparer.OrdinalIgnoreCase);

        private static string Normalize(string source) => source.Trim().TrimEnd('/', '\\');
    }
}
