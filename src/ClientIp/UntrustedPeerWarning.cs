using System;
using System.Net;
using System.Threading;
using Microsoft.Extensions.Logging;

namespace ClientIp;

/// <summary>
/// Logs, at most once per <see cref="Interval"/>, that an untrusted peer sent forwarding headers, naming the peer and the
/// setting to change. This is the "forwarded headers silently do nothing behind Kubernetes" case made visible, without
/// letting a client flood the log.
/// </summary>
internal sealed partial class UntrustedPeerWarning
{
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(10);

    private readonly TimeProvider _time;
    private long _nextAllowedTimestamp = long.MinValue;
    private long _suppressed;

    public UntrustedPeerWarning(TimeProvider time) => _time = time;

    public void Report(ILogger logger, IPAddress? peer, string headerName)
    {
        var now = _time.GetTimestamp();
        var next = Interlocked.Read(ref _nextAllowedTimestamp);
        var intervalTicks = (long)(Interval.TotalSeconds * _time.TimestampFrequency);
        if (now < next || Interlocked.CompareExchange(ref _nextAllowedTimestamp, now + intervalTicks, next) != next)
        {
            Interlocked.Increment(ref _suppressed);
            return;
        }

        var suppressed = Interlocked.Exchange(ref _suppressed, 0);
        LogUntrustedPeer(logger, headerName, peer?.ToString() ?? "(none)", suppressed);
    }

    [LoggerMessage(
        EventId = 1,
        EventName = "UntrustedPeerSentForwardingHeaders",
        Level = LogLevel.Warning,
        Message = "Ignored the {Header} header sent by {Peer}, which is not a trusted proxy, and used {Peer} as the client address. "
            + "If {Peer} is your reverse proxy, load balancer or ingress, add it or its network (for example 10.0.0.0/8) to "
            + "ClientIp:TrustedProxies. This warning is logged at most every 10 minutes; {Suppressed} more such requests were not logged.")]
    private static partial void LogUntrustedPeer(ILogger logger, string header, string peer, long suppressed);
}
