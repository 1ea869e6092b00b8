using ClientIp.Analyzers.Common;
using Microsoft.CodeAnalysis;

namespace ClientIp.Analyzers.Configuration;

/// <summary>
/// The forwarded-header API of one compilation (ASP.NET Core's ForwardedHeadersOptions and the ClientIp library),
/// resolved once in a compilation-start action. Every member may be missing: older frameworks lack
/// <c>KnownIPNetworks</c>, and a project without ClientIp lacks the library's types.
/// </summary>
internal sealed class ForwardedHeadersSymbols
{
    /// <summary>Metadata name of the ClientIp library's options (matched by name so a source copy works too).</summary>
    internal const string ClientIpOptionsMetadataName = "ClientIp.ClientIpOptions";

    /// <summary>The ClientIp library's trust-every-peer opt-in on <see cref="ClientIpOptionsMetadataName"/>.</summary>
    internal const string ClientIpTrustAllMemberName = "UnsafeTrustEveryPeer";

    private ForwardedHeadersSymbols(Compilation compilation)
    {
        ForwardedHeadersOptions = compilation.GetTypeByMetadataName("Microsoft.AspNetCore.Builder.ForwardedHeadersOptions");
        KnownProxies = Members.Property(ForwardedHeadersOptions, "KnownProxies");
        KnownNetworks = Members.Property(ForwardedHeadersOptions, "KnownNetworks");
        KnownIPNetworks = Members.Property(ForwardedHeadersOptions, "KnownIPNetworks");
        ForwardedHeaders = Members.Property(ForwardedHeadersOptions, "ForwardedHeaders");
        AspNetCoreIPNetwork = compilation.GetTypeByMetadataName("Microsoft.AspNetCore.HttpOverrides.IPNetwork");
        SystemIPNetwork = compilation.GetTypeByMetadataName("System.Net.IPNetwork");
        IPAddress = compilation.GetTypeByMetadataName("System.Net.IPAddress");
        ClientIpOptions = compilation.GetTypeByMetadataName(ClientIpOptionsMetadataName);
        TrustedProxies = Members.Property(ClientIpOptions, "TrustedProxies");
        ClientIpTrustAll = ClientIpOptions is null ? null : FirstMember(ClientIpOptions, ClientIpTrustAllMemberName);
    }

    public INamedTypeSymbol? ForwardedHeadersOptions { get; }
    public IPropertySymbol? KnownProxies { get; }
    public IPropertySymbol? KnownNetworks { get; }
    public IPropertySymbol? KnownIPNetworks { get; }
    public IPropertySymbol? ForwardedHeaders { get; }
    public INamedTypeSymbol? AspNetCoreIPNetwork { get; }
    public INamedTypeSymbol? SystemIPNetwork { get; }
    public INamedTypeSymbol? IPAddress { get; }
    public INamedTypeSymbol? ClientIpOptions { get; }
    public IPropertySymbol? TrustedProxies { get; }

    /// <summary>The opt-in: a bool property or a method (either shape is recognised).</summary>
    public ISymbol? ClientIpTrustAll { get; }

    /// <summary>Whether there is anything to analyze in this compilation.</summary>
    public bool IsUsable => KnownProxies is not null || ClientIpOptions is not null;

    public static ForwardedHeadersSymbols Create(Compilation compilation) => new(compilation);

    public bool IsNetworkList(IPropertySymbol property) =>
        Is(property, KnownNetworks) || Is(property, KnownIPNetworks);

    public bool IsKnownList(IPropertySymbol property) => Is(property, KnownProxies) || IsNetworkList(property);

    public bool IsNetworkType(ITypeSymbol? type) =>
        type is not null && (Is(type, AspNetCoreIPNetwork) || Is(type, SystemIPNetwork));

    public static bool Is(ISymbol? symbol, ISymbol? expected) =>
        symbol is not null && expected is not null && SymbolEqualityComparer.Default.Equals(symbol.OriginalDefinition, expected);

    private static ISymbol? FirstMember(INamedTypeSymbol type, string name)
    {
        foreach (var member in type.GetMembers(name))
        {
            if (member is IPropertySymbol or IMethodSymbol)
            {
                return member;
            }
        }

        return null;
    }
}
