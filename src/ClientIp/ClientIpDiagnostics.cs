using System;
using System.Collections.Concurrent;
using System.Net;
using System.Threading;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace ClientIp;

/// <summary>
/// The warnings that make a misconfiguration visible (every client on one address, a proxy ignored), each logged at
/// most once per <see cref="Interval"/> per cause and header, so that a client flooding one cause can neither fill the
/// log nor hide another cause.
/// </summary>
internal sealed partial class ClientIpDiagnostics
{
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(10);

    /// <summary>Headers that carry a client address, checked when a proxy seems to send a header other than the configured one.</summary>
    private static readonly string[] KnownForwardingHeaders =
    [
        "X-Forwarded-For", "Forwarded", "X-Real-IP", "CF-Connecting-IP", "True-Client-IP", "X-Original-Forwarded-For",
        "Fastly-Client-IP", "Fly-Client-IP", "X-Client-IP", "X-Cluster-Client-IP", "X-Azure-ClientIP", "X-Azure-SocketIP",
        "X-Envoy-External-Address",
    ];

    private readonly TimeProvider _time;
    private readonly ConcurrentDictionary<(int Cause, string Header), Budget> _budgets = new();

    public ClientIpDiagnostics(TimeProvider time) => _time = time;

    /// <summary>Logs what <paramref name="result"/> says about the configuration, if anything and if the budget allows.</summary>
    public void Report(ILogger logger, HttpContext context, ClientIpResult result, string configuredHeader)
    {
        var peer = result.RemoteAddress;
        switch (result.Status)
        {
            case ClientIpStatus.UntrustedPeerSentHeaders:
                ReportUntrustedPeer(logger, context, peer!, configuredHeader, looksLikeProxy: !result.IsConclusive);
                break;
            case ClientIpStatus.RemoteAddress when !result.IsConclusive:
                // A trusted proxy without the configured header: does it send another one?
                foreach (var header in KnownForwardingHeaders)
                {
                    if (!header.Equals(configuredHeader, StringComparison.OrdinalIgnoreCase) && context.Request.Headers.ContainsKey(header)
                        && TryTake(3, header, out var suppressed))
                    {
                        LogTrustedPeerSentOtherHeader(logger, Text(peer), header, configuredHeader, Advice(header), suppressed);
                    }
                }

                break;
            case ClientIpStatus.ForwardedHeader when !result.IsConclusive:
                if (TryTake(4, configuredHeader, out var skipped))
                {
                    LogWalkEndedOnLocalAddress(logger, configuredHeader, Text(result.Address), skipped);
                }

                break;
            case ClientIpStatus.ForwardedHeadersMiddlewareRan:
                if (TryTake(5, "", out var missed))
                {
                    LogForwardedHeadersMiddlewareRan(logger, context.Request.Headers[ClientIpHttpContextExtensions.OriginalForHeader].ToString(), missed);
                }

                break;
        }
    }

    /// <summary>A forwarded scheme, host or prefix from a trusted proxy failed validation and was not applied.</summary>
    public void ReportRejectedValue(ILogger logger, string header, string value, string reason)
    {
        if (TryTake(7, header, out var suppressed))
        {
            LogRejectedValue(logger, header, value.Length > 200 ? value[..200] + "..." : value, reason, suppressed);
        }
    }

    private void ReportUntrustedPeer(ILogger logger, HttpContext context, IPAddress peer, string configuredHeader, bool looksLikeProxy)
    {
        // The configured header always; from a peer that looks like a proxy, any other forwarding header too.
        foreach (var header in looksLikeProxy ? KnownForwardingHeaders : [configuredHeader])
        {
            var configured = header.Equals(configuredHeader, StringComparison.OrdinalIgnoreCase);
            if (!configured && !context.Request.Headers.ContainsKey(header))
            {
                continue;
            }

            if (!TryTake(looksLikeProxy ? 1 : 11, configured ? configuredHeader : header, out var suppressed))
            {
                continue;
            }

            var advice = HeaderKinds.Of(configuredHeader) == HeaderKind.SingleAddress ? SingleAddressAdvice(configuredHeader, Text(peer))
                : looksLikeProxy ? $"If {peer} is your reverse proxy, load balancer or ingress, add it or its network (for example 10.0.0.0/8) to ClientIp:TrustedProxies."
                : $"A client that connects directly can send anything, so this is expected from clients; if {peer} is a proxy of yours, add it to ClientIp:TrustedProxies.";
            var which = configured ? header : $"{header} header (ClientIp reads {configuredHeader}, not {header})";
            LogUntrustedPeer(logger, which, Text(peer), advice, suppressed);
        }
    }

    /// <summary>What to tell an operator whose proxy sends <paramref name="header"/>.</summary>
    private static string Advice(string header) =>
        HeaderKinds.Of(header) == HeaderKind.SingleAddress
            ? $"Set ClientIp:ForwardedHeader to {header} only if that proxy overwrites {header} on every request (nginx: proxy_set_header {header} $remote_addr); "
              + "otherwise make it send X-Forwarded-For ($proxy_add_x_forwarded_for) and keep reading that."
            : $"Set ClientIp:ForwardedHeader to {header}.";

    private static string SingleAddressAdvice(string header, string peer) =>
        $"{header} carries one address and is only as trustworthy as whoever set it last: trust {peer} only if it is the CDN or "
        + $"load balancer edge itself, or a proxy that overwrites {header} on every request. If a proxy of your own (say nginx) "
        + "stands between the CDN and this app, set ClientIp:ForwardedHeader to X-Forwarded-For and list both your proxy and the "
        + "CDN's published ranges in ClientIp:TrustedProxies instead: otherwise any client that reaches your proxy directly can send "
        + $"{header}.";

    private static string Text(IPAddress? address) => address?.ToString() ?? "(none)";

    private bool TryTake(int cause, string header, out long suppressed)
    {
        var budget = _budgets.GetOrAdd((cause, header.ToUpperInvariant()), static _ => new Budget());
        return budget.TryTake(_time, out suppressed);
    }

    [LoggerMessage(EventId = 1, EventName = "UntrustedPeerSentForwardingHeaders", Level = LogLevel.Warning,
        Message = "Ignored the {Header} sent by {Peer}, which is not a trusted proxy, and used {Peer} as the client address. {Advice} "
            + "Logged at most every 10 minutes for this header; {Suppressed} more such requests were not logged.")]
    private static partial void LogUntrustedPeer(ILogger logger, string header, string peer, string advice, long suppressed);

    [LoggerMessage(EventId = 3, EventName = "TrustedPeerSentOtherHeader", Level = LogLevel.Warning,
        Message = "{Peer} is a trusted proxy but sent no {Configured} header; it sent {Header}, so every client behind it resolves to {Peer}. "
            + "{Advice} Logged at most every 10 minutes for this header; {Suppressed} more such requests were not logged.")]
    private static partial void LogTrustedPeerSentOtherHeader(ILogger logger, string peer, string header, string configured, string advice, long suppressed);

    [LoggerMessage(EventId = 4, EventName = "WalkEndedOnLocalAddress", Level = LogLevel.Warning,
        Message = "The {Header} walk ended at {Address}, a loopback or private address with more entries to its left: that is what a proxy "
            + "missing from ClientIp:TrustedProxies looks like, and then every client behind it resolves to {Address}. If {Address} is one "
            + "of your proxies, add it (or its network) to ClientIp:TrustedProxies. "
            + "Logged at most every 10 minutes; {Suppressed} more such requests were not logged.")]
    private static partial void LogWalkEndedOnLocalAddress(ILogger logger, string header, string address, long suppressed);

    [LoggerMessage(EventId = 5, EventName = "ForwardedHeadersMiddlewareRan", Level = LogLevel.Warning,
        Message = "ForwardedHeadersMiddleware rewrote this request's connection before ClientIp read it (X-Original-For: {OriginalFor}), "
            + "so the address ClientIp saw may be one a client chose; the result is marked inconclusive. Remove UseForwardedHeaders() "
            + "and unset ASPNETCORE_FORWARDEDHEADERS_ENABLED (ClientIp replaces them), or call builder.Services.AddClientIp(), "
            + "which reads the connection before any middleware runs. "
            + "Logged at most every 10 minutes; {Suppressed} more such requests were not logged.")]
    private static partial void LogForwardedHeadersMiddlewareRan(ILogger logger, string originalFor, long suppressed);

    [LoggerMessage(EventId = 7, EventName = "ForwardedValueRejected", Level = LogLevel.Warning,
        Message = "Ignored {Header} \"{Value}\" from a trusted proxy: {Reason}. "
            + "Logged at most every 10 minutes for this header; {Suppressed} more such requests were not logged.")]
    private static partial void LogRejectedValue(ILogger logger, string header, string value, string reason, long suppressed);

    /// <summary>One cause's allowance: one message per interval, counting what it swallowed.</summary>
    private sealed class Budget
    {
        private long _nextAllowedTimestamp = long.MinValue;
        private long _suppressed;

        public bool TryTake(TimeProvider time, out long suppressed)
        {
            var now = time.GetTimestamp();
            var next = Interlocked.Read(ref _nextAllowedTimestamp);
            var intervalTicks = (long)(Interval.TotalSeconds * time.TimestampFrequency);
            if (now < next || Interlocked.CompareExchange(ref _nextAllowedTimestamp, now + intervalTicks, next) != next)
            {
                Interlocked.Increment(ref _suppressed);
                suppressed = 0;
                return false;
            }

            suppressed = Interlocked.Exchange(ref _suppressed, 0);
            return true;
        }
    }
}
