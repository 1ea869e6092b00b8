namespace ClientIp.Analyzers;

/// <summary>
/// Keys of <see cref="Microsoft.CodeAnalysis.Diagnostic.Properties"/> shared by the analyzers and the code fixes. They
/// carry facts the analyzer found, never a verdict on fixability: whether a fix exists is decided by the code fix alone.
/// </summary>
/// <remarks>
/// CIP0002 and CIP0003 carry <see cref="HeaderName"/>. CIP0003 diagnostics whose selection goes through a local
/// variable carry the header read as their first additional location.
/// </remarks>
internal static class DiagnosticProperties
{
    /// <summary>The header name in the canonical casing of the rule documentation, e.g. <c>X-Forwarded-For</c>.</summary>
    public const string HeaderName = "HeaderName";
}
