using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using KeyLock.Tasks.Incremental;
using KeyLock.Tasks.Packages;
using NuGet.Common;
using NuGet.Packaging.Signing;

namespace KeyLock.Tasks.Signing
{
    /// <summary>
    /// The signature policy of the last full verification, kept next to the verdict cache with the kernel identity of every
    /// input it was read from: the nuget.config files NuGet loaded and every place it looks for one (the same inputs the
    /// pass record holds for the policy). A build after a restore changes the lock and assets files, not nuget.config, and
    /// loading NuGet's settings was about a fifth of that build's task time; with every input unchanged the policy is taken
    /// from here. Anything else (another KeyLock build, project folder, RestoreConfigFile or NuGet config folder, one changed
    /// stamp, a memo older than <see cref="VerdictLifetime.MaxAge"/>, a damaged file) loads nuget.config again. Inputs are
    /// stamped the way the fast path stamps them: kernel identities (one statx each; only inputs settled before the build
    /// started key a memo) or content digests (Windows; every candidate is digested before NuGet reads it and must be the
    /// same after, so a file changed while it was read keys nothing). See docs/threat-model.md ("Verdict cache").
    /// </summary>
    internal static class SignaturePolicyMemo
    {
        private const string Format = "KeyLock signature policy v1";
        private const string OwnersField = "owners";

        public static string PathFor(string verdictFile) => verdictFile + ".policy";

        /// <summary>
        /// The remembered policy when it still holds (<c>Remembered</c> true), else the policy loaded from nuget.config,
        /// remembered for the next build when no input changed while it was read: with kernel identities every input had
        /// settled before <paramref name="settledBefore"/>, with content digests each is as it was before the load.
        /// </summary>
        public static (SignaturePolicy Policy, bool Remembered) Load(
            string memoPath, string projectDirectory, string? configFile, ChangeDetection mode, DateTime settledBefore)
        {
            var folders = SignaturePolicy.NuGetConfigFolders();
            var key = Key(projectDirectory, configFile, folders, mode);
            var remembered = Read(memoPath, key, mode, DateTime.UtcNow);
            if (remembered != null)
            {
                return (remembered, true);
            }

            // With content digests the candidates are stamped before NuGet reads them, as the fast path stamps the inputs it
            // does not hold open (HeldInputs with no packages folder holds nothing): a stamp that changed meanwhile is none.
            using var before = mode == ChangeDetection.ContentDigest
                ? HeldInputs.Hold(CandidateInputs(projectDirectory, configFile, folders), Array.Empty<string>())
                : null;
            var policy = SignaturePolicy.Load(projectDirectory, configFile, folders);
            Write(memoPath, key, policy, projectDirectory, before != null ? before.StampForRecord : entry => entry.Stamp(settledBefore));
            return (policy, false);
        }

        /// <summary>
        /// Every place NuGet's settings loader could read: the nuget.config names from the project folder up,
        /// RestoreConfigFile, the config folders (listed) and every file in them. A file NuGet then reads that is not among
        /// them keys no memo.
        /// </summary>
        internal static VerificationInputs CandidateInputs(string projectDirectory, string? configFile, IReadOnlyList<string> folders)
        {
            var candidates = new List<string>();
            foreach (var folder in folders)
            {
                try
                {
                    if (Directory.Exists(folder))
                    {
                        candidates.AddRange(Directory.GetFiles(folder));
                    }
                }
                catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
                {
                    // Not listed, so nothing NuGet reads there keys a memo.
                }
            }

            if (!string.IsNullOrWhiteSpace(configFile))
            {
                candidates.Add(Path.GetFullPath(configFile!.Trim()));
            }

            var inputs = new VerificationInputs();
            inputs.AddSignaturePolicyInputs(projectDirectory, candidates, folders);
            return inputs;
        }

        /// <summary>The policy in the memo at <paramref name="path"/> if it was written under <paramref name="key"/> and still holds.</summary>
        internal static SignaturePolicy? Read(string path, string key, ChangeDetection mode, DateTime now)
        {
            var lines = SealedText.Open(path, Format);
            if (lines == null)
            {
                return null;
            }

            string? recordedKey = null, description = null;
            bool? require = null;
            DateTime written = default;
            var files = new List<string>();
            var folders = new List<string>();
            var signers = new List<TrustedSignerAllowListEntry>();
            foreach (var fields in lines)
            {
                switch (fields[0])
                {
                    case "key" when fields.Length == 2:
                        recordedKey = SealedText.Unescape(fields[1]);
                        break;
                    case "written" when fields.Length == 2 && VerdictLifetime.TryParseSeconds(fields[1], out var at):
                        written = at;
                        break;
                    case "require" when fields.Length == 2 && (fields[1] == "true" || fields[1] == "false"):
                        require = fields[1] == "true";
                        break;
                    case "description" when fields.Length == 2:
                        description = SealedText.Unescape(fields[1]);
                        break;
                    case "file" when fields.Length == 2:
                        files.Add(SealedText.Unescape(fields[1]));
                        break;
                    case "folder" when fields.Length == 2:
                        folders.Add(SealedText.Unescape(fields[1]));
                        break;
                    case "signer" when TryParseSigner(fields, out var signer):
                        signers.Add(signer);
                        break;
                    case "input" when SealedText.TryParseInput(fields, out var entry, out var stamp):
                        if (!entry.StillMatches(mode, stamp))
                        {
                            return null;
                        }

                        break;
                    default:
                        return null;
                }
            }

            return recordedKey == key && VerdictLifetime.IsFresh(written, now) && require.HasValue && description != null
                ? new SignaturePolicy(require.Value, signers, description, files, folders)
                : null;
        }

        /// <summary>
        /// Remembers <paramref name="policy"/> with each input's stamp from <paramref name="stampAfterLoad"/>; removes an older
        /// memo instead when one has none (it changed while it was read, or cannot be stamped).
        /// </summary>
        internal static void Write(string path, string key, SignaturePolicy policy, string projectDirectory, Func<InputEntry, string?> stampAfterLoad)
        {
            var inputs = new VerificationInputs();
            inputs.AddSignaturePolicyInputs(projectDirectory, policy);
            var text = new StringBuilder(Format).Append('\n')
                .Append("key\t").Append(SealedText.Escape(key)).Append('\n')
                .Append("written\t").Append(VerdictLifetime.ToSeconds(DateTime.UtcNow)).Append('\n')
                .Append("require\t").Append(policy.RequireSignatures ? "true" : "false").Append('\n')
                .Append("description\t").Append(SealedText.Escape(policy.ConfigDescription)).Append('\n');
            foreach (var file in policy.ConfigFiles)
            {
                text.Append("file\t").Append(SealedText.Escape(file)).Append('\n');
            }

            foreach (var folder in policy.ConfigFolders)
            {
                text.Append("folder\t").Append(SealedText.Escape(folder)).Append('\n');
            }

            foreach (var signer in policy.AllowList)
            {
                text.Append("signer\t").Append(SignerFields(signer)).Append('\n');
            }

            foreach (var (entry, required) in inputs.Entries)
            {
                var stamp = stampAfterLoad(entry);
                if (stamp == null || (required && stamp == InputEntry.AbsentStamp))
                {
                    Forget(path);
                    return;
                }

                text.Append("input\t").Append(SealedText.InputFields(entry, stamp)).Append('\n');
            }

            // A memo that cannot be written costs the next build one nuget.config load, nothing else.
            _ = AtomicFile.Write(path, SealedText.Seal(text.ToString()));
        }

        /// <summary>
        /// Everything besides file stamps that decides which nuget.config files NuGet reads. A relative RestoreConfigFile
        /// counts with the current directory, which is not the same in every MSBuild process.
        /// </summary>
        internal static string Key(string projectDirectory, string? configFile, IReadOnlyList<string> configFolders, ChangeDetection mode)
        {
            var file = configFile?.Trim() ?? string.Empty;
            var fileContext = file.Length > 0 && !Path.IsPathRooted(file) ? Environment.CurrentDirectory : string.Empty;
            return string.Join("\n", new[] { FastPath.Build, mode.ToString(), Path.GetFullPath(projectDirectory), file, fileContext }.Concat(configFolders));
        }

        private static string SignerFields(TrustedSignerAllowListEntry signer) =>
            string.Join(
                "\t",
                new[]
                {
                    ((int)signer.Target).ToString(CultureInfo.InvariantCulture),
                    ((int)signer.Placement).ToString(CultureInfo.InvariantCulture),
                    ((int)signer.FingerprintAlgorithm).ToString(CultureInfo.InvariantCulture),
                    SealedText.Escape(signer.Fingerprint),
                    signer.AllowUntrustedRoot ? "true" : "false",
                }.Concat(signer.Owners == null ? Array.Empty<string>() : new[] { OwnersField }.Concat(signer.Owners.Select(SealedText.Escape))));

        private static bool TryParseSigner(string[] fields, out TrustedSignerAllowListEntry signer)
        {
            signer = null!;
            if (fields.Length < 6
                || !int.TryParse(fields[1], NumberStyles.None, CultureInfo.InvariantCulture, out var target)
                || !int.TryParse(fields[2], NumberStyles.None, CultureInfo.InvariantCulture, out var placement)
                || !int.TryParse(fields[3], NumberStyles.None, CultureInfo.InvariantCulture, out var algorithm)
                || !Enum.IsDefined(typeof(HashAlgorithmName), algorithm)
                || (fields[5] != "true" && fields[5] != "false"))
            {
                return false;
            }

            // No owners field: NuGet gave no owner list (not an empty one).
            if (fields.Length > 6 && fields[6] != OwnersField)
            {
                return false;
            }

            signer = new TrustedSignerAllowListEntry(
                (VerificationTarget)target,
                (SignaturePlacement)placement,
                SealedText.Unescape(fields[4]),
                (HashAlgorithmName)algorithm,
                fields[5] == "true",
                fields.Length > 6 ? fields.Skip(7).Select(SealedText.Unescape).ToList() : null);
            return true;
        }

        private static void Forget(string path)
        {
            try
            {
                File.Delete(path);
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                // A memo that cannot be removed still has its stamps: the next build sees they no longer match.
            }
        }
    }
}
