using System;
using System.IO;
using System.Text;

namespace KeyLock.Tasks.Packages
{
    /// <summary>Replaces a cache file whole (write a temporary file, then rename), so a reader never sees half of it.</summary>
    internal static class AtomicFile
    {
        /// <summary>Null on success, else why the file was not written (never throws for I/O problems).</summary>
        public static string? Write(string path, string text)
        {
            var temporary = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
            try
            {
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                File.WriteAllText(temporary, text, new UTF8Encoding(false));
#if NET
                File.Move(temporary, path, overwrite: true);
#else
                if (File.Exists(path))
                {
                    File.Delete(path);
                }

                File.Move(temporary, path);
#endif
                return null;
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                try
                {
                    File.Delete(temporary);
                }
                catch (Exception cleanup) when (cleanup is IOException || cleanup is UnauthorizedAccessException)
                {
                }

                return ex.Message;
            }
        }
    }
}
