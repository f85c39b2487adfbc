using System.Collections.Generic;
using System.Threading.Tasks;
using NuGet.Common;

namespace KeyLock.Tasks.LockFiles
{
    /// <summary>
    /// NuGet's lock-file reader reports a parse failure only as an information message (and an empty result);
    /// this keeps those messages so KL5002 can say what was wrong.
    /// </summary>
    internal sealed class CapturingNuGetLogger : LoggerBase
    {
        private readonly List<string> _messages = new List<string>();

        public IReadOnlyList<string> Messages => _messages;

        public override void Log(ILogMessage message)
        {
            lock (_messages)
            {
                _messages.Add(message.Message);
            }
        }

        public override Task LogAsync(ILogMessage message)
        {
            Log(message);
            return Task.CompletedTask;
        }
    }
}
