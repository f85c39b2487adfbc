namespace KeyLock.Tasks.Reporting
{
    /// <summary>One problem found by a check: a code, where it is, and a message that already says how to fix it.</summary>
    internal sealed class Finding
    {
        public Finding(KeyLockCode code, SourceLocation location, string message, System.Exception? exception = null)
        {
            Code = code;
            Location = location;
            Message = message;
            Exception = exception;
        }

        public KeyLockCode Code { get; }

        public SourceLocation Location { get; }

        public string Message { get; }

        /// <summary>For KL9001 only: the unexpected exception, whose stack trace goes to the detailed log.</summary>
        public System.Exception? Exception { get; }

        public override string ToString() =>
            $"{Location.File}({Location.Line},{Location.Column}): {Code.Id}: {Message}";
    }
}
