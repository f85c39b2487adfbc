using System;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.InteropServices;
using NuGet.Common;
using NuGet.Packaging.Signing;

namespace KeyLock.Tasks.Signing
{
    /// <summary>
    /// Gives NuGet's signature verifier the same trust roots the .NET SDK gives it. On Windows (and .NET Framework) that is
    /// the machine's trust store, which <see cref="X509TrustStore.InitializeForDotNetSdk"/> selects. On Linux and macOS the
    /// SDK relies on certificate bundles: the system code-signing bundle where the distribution has one, else
    /// sdk/&lt;version&gt;/trustedroots/{codesignctl,timestampctl}.pem. NuGet looks for that fallback next to its own
    /// NuGet.Packaging.dll, which for this task is the package's tasks folder, not the SDK; NuGet 8 has no public way to
    /// point it elsewhere, so this calls the internal factory with the SDK's file. The NuGet version is the one this package
    /// ships, so the member is known to exist; if it does not, verification fails closed (KL9001) instead of trusting nothing.
    /// </summary>
    internal static class TrustStore
    {
        internal const string CodeSigningBundle = "codesignctl.pem";
        internal const string TimestampingBundle = "timestampctl.pem";

        // Certificate bundles NuGet on Linux may prefer over the SDK's (distribution trust stores).
        private static readonly string[] SystemBundles =
        {
            "/etc/pki/ca-trust/extracted/pem/objsign-ca-bundle.pem",
            "/etc/pki/ca-trust/extracted/pem/tls-ca-bundle.pem",
            "/etc/ssl/certs/ca-certificates.crt",
        };

        private static readonly object Gate = new object();
        private static string? _initializedWith;
        private static string? _bundleDirectory;
        private static bool _applied;

        private const string PlatformStore = "platform trust store";

        /// <summary>
        /// The identity (path, inode, ctime...) of every certificate bundle the verifier may use, for keys of signature
        /// verdicts that outlive the build, or "platform trust store" (Windows, .NET Framework); empty (no durable signature
        /// verdicts) until initialized or when a bundle has no kernel identity.
        /// </summary>
        public static string Identity { get; private set; } = string.Empty;

        /// <summary>Every certificate bundle path behind <see cref="Identity"/>, present or not; empty with the platform store.</summary>
        public static System.Collections.Generic.IReadOnlyList<string> BundlePaths { get; private set; } = Array.Empty<string>();

        /// <summary>
        /// Finds the trust roots and their identity (cheap: a few <c>statx</c> calls); returns the trustedroots folder used, or
        /// a note saying the platform store is used. <see cref="ApplyToVerifier"/> hands them to NuGet when a signature is
        /// actually verified.
        /// </summary>
        public static string Locate(string? trustedRootsDirectory)
        {
            lock (Gate)
            {
                if (_initializedWith != null)
                {
                    return _initializedWith;
                }

                if (!UsesCertificateBundles())
                {
                    // Nothing to stamp: a change to the machine's store is seen when verdicts expire (24 h), like a CRL update.
                    _initializedWith = "the platform trust store";
                    Identity = PlatformStore;
                    return _initializedWith;
                }

                var directory = FindTrustedRoots(trustedRootsDirectory)
                    ?? throw new InvalidOperationException(
                        "The .NET SDK's trustedroots folder (codesignctl.pem, timestampctl.pem) was not found" +
                        (string.IsNullOrWhiteSpace(trustedRootsDirectory) ? string.Empty : $" at '{trustedRootsDirectory}'") +
                        "; without trust roots no signature can be verified.");
                var sdkBundles = new[] { Path.Combine(directory, CodeSigningBundle), Path.Combine(directory, TimestampingBundle) };
                _bundleDirectory = directory;
                _initializedWith = directory;
                Identity = BundleIdentity(sdkBundles);
                BundlePaths = sdkBundles.Concat(SystemBundles).ToList();
                return directory;
            }
        }

        /// <summary>
        /// Gives NuGet's verifier the trust roots <see cref="Locate"/> found, once per process. Deferred until a signature
        /// verdict is not cached, because NuGet parses both bundles (about a megabyte of certificates, ~0.2 s) when it is set up.
        /// </summary>
        public static void ApplyToVerifier()
        {
            lock (Gate)
            {
                if (_applied)
                {
                    return;
                }

                if (_initializedWith == null)
                {
                    throw new InvalidOperationException("KeyLock bug: the trust roots were not located before a signature was verified.");
                }

                if (_bundleDirectory == null)
                {
                    X509TrustStore.InitializeForDotNetSdk(NullLogger.Instance);
                }
                else
                {
                    SetBundle("SetCodeSigningX509ChainFactory", "CodeSigning", Path.Combine(_bundleDirectory, CodeSigningBundle));
                    SetBundle("SetTimestampingX509ChainFactory", "Timestamping", Path.Combine(_bundleDirectory, TimestampingBundle));
                }

                _applied = true;
            }
        }

        /// <summary>
        /// Starts <see cref="ApplyToVerifier"/> on a pool thread, for a build that will verify signatures, so the bundles are
        /// parsed while other work runs. Nothing waits for it: the first signature check calls <see cref="ApplyToVerifier"/>
        /// itself, which blocks on the same lock until this one is done, or, if this one failed, fails again where the
        /// failure is reported.
        /// </summary>
        public static void ApplyToVerifierInBackground() =>
            System.Threading.ThreadPool.QueueUserWorkItem(_ =>
            {
                try
                {
                    ApplyToVerifier();
                }
                catch (Exception)
                {
                    // Reported by the signature check's own call (see above).
                }
            });

        private static string BundleIdentity(string[] sdkBundles)
        {
            var parts = new System.Collections.Generic.List<string>();
            foreach (var bundle in sdkBundles)
            {
                if (!KeyLock.Tasks.Packages.FileIdentity.TryGet(bundle, out var identity))
                {
                    return string.Empty;
                }

                parts.Add(identity.Key);
            }

            foreach (var bundle in SystemBundles)
            {
                parts.Add(KeyLock.Tasks.Packages.FileIdentity.TryGet(bundle, out var identity) ? identity.Key : File.Exists(bundle) ? "?" + Guid.NewGuid().ToString("N") : "-");
            }

            return string.Join(",", parts);
        }

        private static bool UsesCertificateBundles()
        {
#if NET
            return RuntimeInformation.IsOSPlatform(OSPlatform.Linux) || RuntimeInformation.IsOSPlatform(OSPlatform.OSX);
#else
            return false;
#endif
        }

        private static string? FindTrustedRoots(string? configured)
        {
            if (!string.IsNullOrWhiteSpace(configured) && File.Exists(Path.Combine(configured, CodeSigningBundle)))
            {
                return Path.GetFullPath(configured);
            }

            // MSBuild runs from sdk/<version>/, next to trustedroots/.
            var msbuildDirectory = Path.GetDirectoryName(typeof(Microsoft.Build.Framework.ITask).Assembly.Location);
            if (!string.IsNullOrEmpty(msbuildDirectory))
            {
                var candidate = Path.Combine(msbuildDirectory!, "trustedroots");
                if (File.Exists(Path.Combine(candidate, CodeSigningBundle)))
                {
                    return candidate;
                }
            }

            return null;
        }

        private static void SetBundle(string setterName, string purposeName, string bundlePath)
        {
            const BindingFlags Static = BindingFlags.Static | BindingFlags.NonPublic | BindingFlags.Public;
            var trustStore = typeof(X509TrustStore);
            var purposeType = trustStore.Assembly.GetType("NuGet.Packaging.Signing.X509StorePurpose", throwOnError: true)!;
            var purpose = Enum.Parse(purposeType, purposeName);
            var create = trustStore.GetMethod("CreateX509ChainFactoryForDotNetSdk", Static, null, new[] { purposeType, typeof(ILogger), typeof(FileInfo) }, null)
                ?? throw new MissingMethodException(trustStore.FullName, "CreateX509ChainFactoryForDotNetSdk");
            var setter = trustStore.GetMethod(setterName, Static)
                ?? throw new MissingMethodException(trustStore.FullName, setterName);

            // Same order as the SDK: the system code-signing bundle when the distribution has one, else the given file.
            var factory = create.Invoke(null, new object[] { purpose, NullLogger.Instance, new FileInfo(bundlePath) });
            setter.Invoke(null, new[] { factory });
        }
    }
}
