using System;
using ClientIp.Analyzers.Common;
using Microsoft.CodeAnalysis;

namespace ClientIp.Analyzers.Configuration;

/// <summary>
/// The forwarded-header API of one compilation (ASP.NET Core's ForwardedHeadersOptions and the ClientIp library),
/// resolved once per compilation (at compilation start, or on first use). Every member may be missing: older frameworks lack
/// <c>KnownIPNetworks</c>, and a project without ClientIp lacks the library's types.
/// </summary>
internal sealed class ForwardedHeadersSymbols
{
    /// <summary>Metadata name of the ClientIp library's options (matched by name so a source copy works too).</summary>
    internal const string ClientIpOptionsMetadataName = "ClientIp.ClientIpOptions";

    /// <summary>The ClientIp library's trust-every-peer opt-in on <see cref="ClientIpOptionsMetadataName"/>.</summary>
    internal const string ClientIpTrustAllMemberName = "UnsafeTrustEveryPeer";

    private readonly Lazy<IPropertySymbol?> _knownProxies, _knownNetworks, _knownIPNetworks, _forwardedHeaders, _trustedProxies;
    private readonly Lazy<INamedTypeSymbol?> _aspNetCoreIPNetwork, _systemIPNetwork, _ipAddress;

    private ForwardedHeadersSymbols(Compilation compilation)
    {
        // The two types that decide whether there is anything to analyze; the rest is looked up on first use (only
        // calls and assignments whose member names match get that far).
        ForwardedHeadersOptions = compilation.GetTypeByMetadataName("Microsoft.AspNetCore.Builder.ForwardedHeadersOptions");
        ClientIpOptions = compilation.GetTypeByMetadataName(ClientIpOptionsMetadataName);
        ClientIpTrustAll = ClientIpOptions is null ? null : FirstMember(ClientIpOptions, ClientIpTrustAllMemberName);

        _knownProxies = Members.Deferred(() => Members.Property(ForwardedHeadersOptions, "KnownProxies"));
        _knownNetworks = Members.Deferred(() => Members.Property(ForwardedHeadersOptions, "KnownNetworks"));
        _knownIPNetworks = Members.Deferred(() => Members.Property(ForwardedHeadersOptions, "KnownIPNetworks"));
        _forwardedHeaders = Members.Deferred(() => Members.Property(ForwardedHeadersOptions, "ForwardedHeaders"));
        _trustedProxies = Members.Deferred(() => Members.Property(ClientIpOptions, "TrustedProxies"));
        _aspNetCoreIPNetwork = Members.Deferred(() => compilation.GetTypeByMetadataName("Microsoft.AspNetCore.HttpOverrides.IPNetwork"));
        _systemIPNetwork = Members.Deferred(() => compilation.GetTypeByMetadataName("System.Net.IPNetwork"));
        _ipAddress = Members.Deferred(() => compilation.GetTypeByMetadataName("System.Net.IPAddress"));
    }

    public INamedTypeSymbol? ForwardedHeadersOptions { get; }
    public IPropertySymbol? KnownProxies => _knownProxies.Value;
    public IPropertySymbol? KnownNetworks => _knownNetworks.Value;
    public IPropertySymbol? KnownIPNetworks => _knownIPNetworks.Value;
    public IPropertySymbol? ForwardedHeaders => _forwardedHeaders.Value;
    public INamedTypeSymbol? AspNetCoreIPNetwork => _aspNetCoreIPNetwork.Value;
    public INamedTypeSymbol? SystemIPNetwork => _systemIPNetwork.Value;
    public INamedTypeSymbol? IPAddress => _ipAddress.Value;
    public INamedTypeSymbol? ClientIpOptions { get; }
    public IPropertySymbol? TrustedProxies => _trustedProxies.Value;

    /// <summary>The opt-in: a bool property or a method (either shape is recognised).</summary>
    public ISymbol? ClientIpTrustAll { get; }

    /// <summary>Whether there is anything to analyze in this compilation.</summary>
    public bool IsUsable => ForwardedHeadersOptions is not null || ClientIpOptions is not null;

    public static ForwardedHeadersSymbols Create(Compilation compilation) => new(compilation);

    // Names first: these run on every Clear(), Add() and Insert() made on a property.
    public bool IsNetworkList(IPropertySymbol property) =>
        property.Name is "KnownNetworks" or "KnownIPNetworks" && (Is(property, KnownNetworks) || Is(property, KnownIPNetworks));

    public bool IsKnownList(IPropertySymbol property) =>
        (property.Name == "KnownProxies" && Is(property, KnownProxies)) || IsNetworkList(property);

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
