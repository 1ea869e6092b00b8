using Microsoft.CodeAnalysis;
using static ClientIp.Analyzers.Common.WellKnownType;

namespace ClientIp.Analyzers.Common;

/// <summary>Predicates about forwarded-header configuration: ASP.NET Core's options and middleware, and the ClientIp library's.</summary>
internal sealed partial class WellKnownSymbols
{
    public const string UseForwardedHeadersName = "UseForwardedHeaders";
    public const string UseClientIpName = "UseClientIp";

    /// <summary>The resolver's builder extension class (in the ASP.NET Core builder namespace by convention).</summary>
    public const string ClientIpBuilderExtensionsName = "Microsoft.AspNetCore.Builder.ClientIpApplicationBuilderExtensions";

    /// <summary>Whether the forwarded-header rules (CIP0004) have anything to analyze in this compilation.</summary>
    public bool HasForwardedHeadersOptions =>
        Get(Microsoft_AspNetCore_Builder_ForwardedHeadersOptions) is not null || Get(ClientIp_ClientIpOptions) is not null;

    /// <summary><c>KnownNetworks</c> or <c>KnownIPNetworks</c> of ForwardedHeadersOptions (names first: this runs on every Clear/Add/Insert on a property).</summary>
    public bool IsNetworkList(IPropertySymbol property) =>
        property.Name is "KnownNetworks" or "KnownIPNetworks" &&
        (Is(property, WellKnownMember.ForwardedHeadersOptions_KnownNetworks) || Is(property, WellKnownMember.ForwardedHeadersOptions_KnownIPNetworks));

    /// <summary><c>KnownProxies</c>, <c>KnownNetworks</c> or <c>KnownIPNetworks</c> of ForwardedHeadersOptions.</summary>
    public bool IsKnownList(IPropertySymbol property) =>
        (property.Name == "KnownProxies" && Is(property, WellKnownMember.ForwardedHeadersOptions_KnownProxies)) || IsNetworkList(property);

    /// <summary>ASP.NET Core's <c>IPNetwork</c> or <c>System.Net.IPNetwork</c>.</summary>
    public bool IsNetworkType(ITypeSymbol? type) =>
        Is(type, Microsoft_AspNetCore_HttpOverrides_IPNetwork) || Is(type, System_Net_IPNetwork);

    /// <summary>A call that turns on forwarded-header processing: <c>UseForwardedHeaders</c> or the ClientIp library's <c>UseClientIp</c>.</summary>
    public bool IsForwarding(IMethodSymbol method) => IsUseForwardedHeaders(method) || IsUseClientIp(method);

    /// <summary>ASP.NET Core's <c>ForwardedHeadersExtensions.UseForwardedHeaders</c>.</summary>
    public bool IsUseForwardedHeaders(IMethodSymbol method) =>
        method.Name == UseForwardedHeadersName && Is((method.ReducedFrom ?? method).ContainingType, Microsoft_AspNetCore_Builder_ForwardedHeadersExtensions);

    /// <summary>
    /// The ClientIp library's <c>UseClientIp</c> extension, matched by its class's full name so a source copy is
    /// recognised too, as is any <c>UseClientIp</c> extension in a <c>ClientIp</c>/<c>ClientIp.*</c> namespace. A user's
    /// own extension of the same name elsewhere is not it.
    /// </summary>
    public static bool IsUseClientIp(IMethodSymbol method)
    {
        if (method.Name != UseClientIpName || !method.IsExtensionMethod)
        {
            return false;
        }

        var type = (method.ReducedFrom ?? method).ContainingType;
        return (type.ContainingType is null && Members.HasFullName(type, ClientIpBuilderExtensionsName)) ||
            ClientIpLibrary.IsClientIpNamespace(type.ContainingNamespace);
    }
}
