namespace KeyLock.Tasks.LockFiles
{
    /// <summary>What the lock file's two readers (the model and the line locator) agree on: property names (leniency: <see cref="JsonFiles"/>).</summary>
    internal static class LockFileJson
    {
        public const string Version = "version";
        public const string Dependencies = "dependencies";
        public const string Framework = "framework";
        public const string Type = "type";
        public const string Resolved = "resolved";
        public const string Requested = "requested";
        public const string ContentHash = "contentHash";
    }
}
