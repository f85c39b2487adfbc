using System.IO;

namespace KeyLock.Tasks
{
    internal static class Streams
    {
        /// <summary>Reads until <paramref name="count"/> bytes are in <paramref name="buffer"/> or the stream ends; returns how many were read.</summary>
        public static int ReadFull(Stream stream, byte[] buffer, int count)
        {
            var total = 0;
            while (total < count)
            {
                var read = stream.Read(buffer, total, count - total);
                if (read == 0)
                {
                    break;
                }

                total += read;
            }

            return total;
        }
    }
}
