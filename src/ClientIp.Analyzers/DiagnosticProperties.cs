namespace ClientIp.Analyzers;

/// <summary>
/// Keys of <see cref="Microsoft.CodeAnalysis.Diagnostic.Properties"/> shared by the analyzers and the code fixes.
/// </summary>
/// <remarks>
/// Every CIP0001, CIP0002 and CIP0003 diagnostic carries <see cref="Fixable"/>; when it is <c>"false"</c> it also
/// carries <see cref="NoFixReason"/>. CIP0002 and CIP0003 carry <see cref="HeaderName"/>.
/// A diagnostic is not fixable when:
/// <list type="bullet">
/// <item>the resolver type <c>ClientIp.ClientIpHttpContextExtensions</c> is not in the compilation (looked up by
/// metadata name, so a source copy counts);</item>
/// <item>no <c>HttpContext</c> or <c>HttpRequest</c> is reachable from the receiver chain of the read (for example
/// the headers arrive as an <c>IHeaderDictionary</c> parameter), or the read is not ASP.NET Core's (HttpListener,
/// System.Web, HttpRequestMessage) or is a <c>[FromHeader]</c> parameter, which is bound before the method runs;</item>
/// <item>the value is used in a way a single-address rewrite cannot keep, for example every entry of the header is
/// iterated, counted, joined or indexed past the first one, or the read itself does not yield one value (CIP0002 on
/// <c>TryGetValue</c> other than as an <c>if</c> condition, <c>GetCommaSeparatedValues</c>, <c>GetList</c>).</item>
/// </list>
/// CIP0003 diagnostics whose selection goes through a local variable carry the header read as their first
/// additional location.
/// </remarks>
internal static class DiagnosticProperties
{
    /// <summary>The header name in the canonical casing of the rule documentation, e.g. <c>X-Forwarded-For</c>.</summary>
    public const string HeaderName = "HeaderName";

    /// <summary><c>"true"</c> when the code fix can rewrite the flagged code to the resolver, else <c>"false"</c>.</summary>
    public const string Fixable = "Fixable";

    /// <summary>A short sentence saying why no fix is offered; present only when <see cref="Fixable"/> is <c>"false"</c>.</summary>
    public const string NoFixReason = "NoFixReason";
}
