using Microsoft.CodeAnalysis;

namespace ClientIp.Analyzers;

/// <summary>The one place where every diagnostic of this package is described.</summary>
internal static class Descriptors
{
    private const string Category = "Security";

    // Weakness tags for code-scanning dashboards: the CWE id as written, and GitHub code scanning's "external/cwe/..." form.
    private static readonly string[] LessTrustedSource = { "security", "CWE-348", "external/cwe/cwe-348" };
    private static readonly string[] SpoofedIdentity =
        { "security", "CWE-348", "external/cwe/cwe-348", "CWE-290", "external/cwe/cwe-290" };

    /// <summary>Base address of the rule pages; each id's page is <c>{base}/{id}.md</c>.</summary>
    internal const string HelpLinkBase = "https://github.com/clientip-analyzers/ClientIp.Analyzers/blob/main/docs/rules/";

    internal static readonly DiagnosticDescriptor CIP0001 = Create(
        DiagnosticIds.RemoteAddressUsedAsClient,
        title: "Connection remote address used as the client address",
        messageFormat: "'{0}' is the address of the direct peer, which is the reverse proxy in production; use HttpContext.GetClientIpAddress() or configure forwarded headers",
        description: "Behind a reverse proxy, Connection.RemoteIpAddress is the proxy's address, so every client looks the same. Resolve the client through trusted proxies instead.",
        tags: SpoofedIdentity);

    internal static readonly DiagnosticDescriptor CIP0002 = Create(
        DiagnosticIds.UnguardedClientIpHeaderRead,
        title: "Client-IP header read without a trusted-proxy check",
        messageFormat: "The '{0}' header is read without checking that the request came from a trusted proxy; any client can send it",
        description: "Headers such as X-Forwarded-For and X-Real-IP are written by whoever sends the request. Honour them only when the direct peer is a proxy you trust.",
        tags: SpoofedIdentity);

    internal static readonly DiagnosticDescriptor CIP0003 = Create(
        DiagnosticIds.LeftmostForwardedForEntry,
        title: "Leftmost X-Forwarded-For entry taken as the client",
        messageFormat: "An entry of '{0}' counted from the left is whatever the client wrote; walk the list from the right over trusted proxies instead",
        description: "Each proxy appends to X-Forwarded-For, so only the entries added by proxies you trust are reliable. The first entry is attacker-controlled.",
        tags: SpoofedIdentity);

    internal static readonly DiagnosticDescriptor CIP0004 = Create(
        DiagnosticIds.ForwardedHeadersTrustEveryone,
        title: "Forwarded-header options trust every proxy",
        messageFormat: "{0}, so every peer is trusted as a proxy and any client can choose its own address",
        description: "Clearing KnownProxies and KnownNetworks, adding 0.0.0.0/0 or ::/0, or opting in to trust every peer lets any client spoof its address.",
        tags: SpoofedIdentity);

    internal static readonly DiagnosticDescriptor CIP0005 = Create(
        DiagnosticIds.ForwardedHeadersRegisteredTooLate,
        title: "Forwarded-header middleware registered too late",
        messageFormat: "'{0}' runs after '{1}', which then sees the proxy's {2} instead of the client's; register it before",
        description: "Middleware that reads the client address or scheme must run after forwarded headers have been applied.",
        tags: LessTrustedSource);

    /// <summary>
    /// Further shapes of an id that need their own message. Kept out of the fields above, which list one descriptor per
    /// id for the generated README table and global config (tools/ClientIp.DocGen).
    /// </summary>
    internal static class Variants
    {
        /// <summary>CIP0005: UseClientIp together with ASP.NET Core's forwarded-headers middleware for the client address.</summary>
#pragma warning disable RS1019 // The same rule (CIP0005: forwarded-header middleware set up wrong), with a message of its own.
        internal static readonly DiagnosticDescriptor CIP0005TwoMiddlewares = Create(
            DiagnosticIds.ForwardedHeadersRegisteredTooLate,
            title: "Two forwarded-header middlewares rewrite the client address",
            messageFormat: "'{0}' and UseForwardedHeaders both rewrite the client address, so one of them verifies what the other already rewrote; keep only one",
            description: "ForwardedHeadersMiddleware with X-Forwarded-For replaces RemoteIpAddress and consumes X-Forwarded-For entries; UseClientIp then resolves from the result. Use one of them for the client address.",
            tags: LessTrustedSource);
#pragma warning restore RS1019
    }

    private static DiagnosticDescriptor Create(string id, string title, string messageFormat, string description, string[] tags) =>
        new(id, title, messageFormat, Category, DiagnosticSeverity.Warning, isEnabledByDefault: true,
            description: description, helpLinkUri: HelpLinkBase + id + ".md", customTags: tags);
}
