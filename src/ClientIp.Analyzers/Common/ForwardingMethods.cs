using Microsoft.CodeAnalysis;

namespace ClientIp.Analyzers.Common;

/// <summary>
/// The one matcher for the calls that turn on forwarded-header processing: ASP.NET Core's
/// <c>ForwardedHeadersExtensions.UseForwardedHeaders</c> and the ClientIp library's <c>UseClientIp</c>.
/// Resolved once per compilation; used by CIP0001 (configured compilations) and CIP0005 (pipeline order).
/// </summary>
internal sealed class ForwardingMethods
{
    public const string UseForwardedHeadersName = "UseForwardedHeaders";
    public const string UseClientIpName = "UseClientIp";
    public const string ForwardedHeadersExtensionsName = "Microsoft.AspNetCore.Builder.ForwardedHeadersExtensions";

    /// <summary>The resolver's extension class (in the ASP.NET Core builder namespace by convention).</summary>
    public const string ClientIpBuilderExtensionsName = "Microsoft.AspNetCore.Builder.ClientIpApplicationBuilderExtensions";

    private readonly INamedTypeSymbol? _forwardedHeadersExtensions;

    public ForwardingMethods(Compilation compilation) =>
        _forwardedHeadersExtensions = compilation.GetTypeByMetadataName(ForwardedHeadersExtensionsName);

    public bool IsForwarding(IMethodSymbol method) => IsUseForwardedHeaders(method) || IsUseClientIp(method);

    public bool IsUseForwardedHeaders(IMethodSymbol method) =>
        method.Name == UseForwardedHeadersName && _forwardedHeadersExtensions is not null &&
        SymbolEqualityComparer.Default.Equals((method.ReducedFrom ?? method).ContainingType.OriginalDefinition, _forwardedHeadersExtensions);

    /// <summary>
    /// The ClientIp library's extension, matched by metadata name so a source copy is recognised too, as is any
    /// <c>UseClientIp</c> extension in a <c>ClientIp</c>/<c>ClientIp.*</c> namespace. A user's own extension of the same
    /// name elsewhere is not it.
    /// </summary>
    public static bool IsUseClientIp(IMethodSymbol method)
    {
        if (method.Name != UseClientIpName || !method.IsExtensionMethod)
        {
            return false;
        }

        var type = (method.ReducedFrom ?? method).ContainingType;
        return IsClientIpBuilderExtensions(type) || ClientIpLibrary.IsClientIpNamespace(type.ContainingNamespace);
    }

    private static bool IsClientIpBuilderExtensions(INamedTypeSymbol type) =>
        type.ContainingType is null && Members.HasFullName(type, ClientIpBuilderExtensionsName);
}
