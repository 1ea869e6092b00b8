using System;

namespace ClientIp.AnalyzerCost.Generation;

/// <summary>A client-IP mistake the generator plants in a small share of the files, and the rule expected to find it.</summary>
internal enum Pattern
{
    /// <summary>No mistake: ordinary code only.</summary>
    None,

    /// <summary><c>HttpContext.Connection.RemoteIpAddress</c> used as the client (CIP0001).</summary>
    RemoteIpAddress,

    /// <summary>The raw <c>X-Forwarded-For</c> header used as the client (CIP0002).</summary>
    ForwardedForHeader,

    /// <summary>The <c>X-Real-IP</c> header used as the client (CIP0002).</summary>
    RealIpHeader,

    /// <summary>The leftmost <c>X-Forwarded-For</c> entry taken as the client (CIP0003).</summary>
    LeftmostForwardedFor,

    /// <summary><c>ForwardedHeadersOptions.KnownProxies.Clear()</c>: every proxy trusted (CIP0004).</summary>
    KnownProxiesCleared,

    /// <summary><c>UseForwardedHeaders()</c> after other middleware (CIP0005).</summary>
    ForwardedHeadersLate,
}

/// <summary>The code each <see cref="Pattern"/> is planted as.</summary>
internal static class PatternCode
{
    /// <summary>The four mistakes made while handling a request (the other two are made in configuration).</summary>
    public static readonly Pattern[] RequestPatterns =
        [Pattern.RemoteIpAddress, Pattern.ForwardedForHeader, Pattern.RealIpHeader, Pattern.LeftmostForwardedFor];

    /// <summary>The rule the pattern is written to trigger.</summary>
    public static string RuleId(Pattern pattern) => pattern switch
    {
        Pattern.RemoteIpAddress => "CIP0001",
        Pattern.ForwardedForHeader or Pattern.RealIpHeader => "CIP0002",
        Pattern.LeftmostForwardedFor => "CIP0003",
        Pattern.KnownProxiesCleared => "CIP0004",
        Pattern.ForwardedHeadersLate => "CIP0005",
        _ => throw new ArgumentOutOfRangeException(nameof(pattern), pattern, null),
    };

    /// <summary>
    /// One statement declaring <c>clientKey</c> (a string) from the client address the way the mistake does it.
    /// <paramref name="httpContext"/> is an expression of type <c>HttpContext</c> in scope.
    /// </summary>
    public static string ClientKeyStatement(Pattern pattern, string httpContext) => pattern switch
    {
        Pattern.RemoteIpAddress =>
            $"var clientKey = {httpContext}.Connection.RemoteIpAddress?.ToString() ?? \"unknown\";",
        Pattern.ForwardedForHeader =>
            $"var clientKey = {httpContext}.Request.Headers[\"X-Forwarded-For\"].ToString();",
        Pattern.RealIpHeader =>
            $"var clientKey = {httpContext}.Request.Headers[\"X-Real-IP\"].FirstOrDefault() ?? \"unknown\";",
        Pattern.LeftmostForwardedFor =>
            $"var clientKey = {httpContext}.Request.Headers[\"X-Forwarded-For\"].ToString().Split(',')[0].Trim();",
        _ => throw new ArgumentOutOfRangeException(nameof(pattern), pattern, "not a request pattern"),
    };
}
