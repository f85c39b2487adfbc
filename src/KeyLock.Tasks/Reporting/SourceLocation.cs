namespace KeyLock.Tasks.Reporting
{
    /// <summary>A file and a 1-based line/column in it; 0 means "unknown", as MSBuild expects.</summary>
    internal readonly struct SourceLocation
    {
        public SourceLocation(string file, int line, int column)
        {
            File = file;
            Line = line;
            Column = column;
        }

        public string File { get; }

        public int Line { get; }

        public int Column { get; }

        public static SourceLocation InFile(string file) => new SourceLocation(file, 0, 0);
    }
}
