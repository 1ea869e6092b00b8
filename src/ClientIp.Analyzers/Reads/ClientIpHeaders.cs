using System;
using System.Collections.Generic;

namespace ClientIp.Analyzers.Reads;

/// <summary>The request headers that carry a client address, in the canonical casing of the rule documentation.</summary>
internal static class ClientIpHeaders
{
    /// <summary>The headers, in canonical casing.</summary>
    public static readonly string[] Names =
    {
        "X-Forwarded-For", "X-Real-IP", "Forwarded", "X-Client-IP", "X-Cluster-Client-IP", "CF-Connecting-IP",
        "True-Client-IP", "Fastly-Client-IP", "Fly-Client-IP", "X-Azure-ClientIP", "X-Original-Forwarded-For",
        "X-Envoy-External-Address", "Proxy-Client-IP", "WL-Proxy-Client-IP", "Client-IP",
    };

    /// <summary>
    /// Text that every spelling of a client-IP header name contains, ignoring case: the header (<c>X-Real-IP</c>), its
    /// server variable (<c>HTTP_X_REAL_IP</c>), each part of a name built from two at a hyphen (<c>Prefix + "-IP"</c>
    /// with <c>Prefix = "X-Real"</c>: a distinctive word with its hyphen), <c>forwarded</c> (also in a constant's name,
    /// <c>HeaderNames.XForwardedFor</c>) and <c>xff</c>. How <see cref="Common.CandidateTrees"/> tells which files may
    /// read one; a test holds it to <see cref="Names"/>.
    /// </summary>
    public static readonly string[] TextWitnesses =
    {
        "forwarded", "-real", "real-", "-client", "client-", "-connecting", "connecting-", "-external", "external-", "-azure",
        "azure-", "-ip", "real_ip", "client_ip", "_clientip", "connecting_ip", "external_address", "xff",
    };

    /// <summary>
    /// The usual names of a constant for a single-address header in another assembly, whose value the compiler knows but
    /// whose declaration is not in the source (<c>HeaderNames.XRealIP</c>, <c>XRealIp</c>, <c>CfConnectingIP</c>),
    /// compared ordinally: C# names are cased so. Left out for their cost: <c>ClientIp</c> and <c>ConnectingIp</c>
    /// (their rarest characters are common, so each would be a search of its own; the <c>IP</c> forms are found at the
    /// <c>P</c>).
    /// </summary>
    public static readonly string[] ConstantNameWitnesses = { "RealIp", "RealIP", "ClientIP", "ConnectingIP" };

    private static readonly Dictionary<string, string> ByName = Build(n => n);

    // Classic ASP.NET exposes request headers as server variables: HTTP_ + upper case, '-' replaced by '_'.
    private static readonly Dictionary<string, string> ByServerVariable = Build(n => "HTTP_" + n.Replace('-', '_'));

    /// <summary>The canonical name of a client-IP header (case-insensitive), or null.</summary>
    public static string? Canonical(string? name) =>
        name is not null && ByName.TryGetValue(name.Trim(), out var canonical) ? canonical : null;

    /// <summary>The canonical header name behind a classic ASP.NET server variable such as HTTP_X_FORWARDED_FOR.</summary>
    public static string? FromServerVariable(string? name) =>
        name is not null && ByServerVariable.TryGetValue(name.Trim(), out var canonical) ? canonical : null;

    /// <summary>
    /// Headers whose value is a list that proxies append to, so the leftmost entry is the one the client wrote (CIP0003).
    /// Single-address headers such as X-Real-IP are set, not appended to, by the proxy.
    /// </summary>
    public static bool IsList(string canonical) =>
        canonical is "X-Forwarded-For" or "X-Original-Forwarded-For" or "Forwarded";

    private static Dictionary<string, string> Build(Func<string, string> key)
    {
        var map = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var name in Names)
        {
            map[key(name)] = name;
        }

        return map;
    }
}
