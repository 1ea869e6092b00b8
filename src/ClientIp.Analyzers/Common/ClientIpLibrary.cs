using Microsoft.CodeAnalysis;

namespace ClientIp.Analyzers.Common;

/// <summary>Recognises the ClientIp resolver library, whose own code is exempt and whose calls configure forwarding.</summary>
internal static class ClientIpLibrary
{
    /// <summary>The library's root namespace.</summary>
    public const string Namespace = "ClientIp";

    /// <summary>A type only the real library defines, so a user project that happens to be named ClientIp is not exempt.</summary>
    public const string ResolverMetadataName = "ClientIp.ClientIpResolver";

    /// <summary>Whether <paramref name="ns"/> is <c>ClientIp</c> or <c>ClientIp.*</c> at the root.</summary>
    public static bool IsClientIpNamespace(INamespaceSymbol? ns)
    {
        while (ns is { ContainingNamespace.IsGlobalNamespace: false })
        {
            ns = ns.ContainingNamespace;
        }

        return ns is { IsGlobalNamespace: false, Name: Namespace };
    }

    /// <summary>Code of the ClientIp library itself is the resolver: never report in it.</summary>
    public static bool IsInClientIpLibrary(ISymbol? symbol) => IsClientIpNamespace(symbol?.ContainingNamespace);

    /// <summary>Whether <paramref name="compilation"/> builds the ClientIp library (name and resolver type both match).</summary>
    public static bool IsClientIpLibrary(Compilation compilation) =>
        compilation.AssemblyName == Namespace && compilation.Assembly.GetTypeByMetadataName(ResolverMetadataName) is not null;
}
