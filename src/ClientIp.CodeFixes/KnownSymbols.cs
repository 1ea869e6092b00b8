using System.Linq;
using Microsoft.CodeAnalysis;

namespace ClientIp.CodeFixes;

/// <summary>
/// The types the read fixes need, resolved from one compilation. <see cref="TryCreate"/> returns <c>null</c> when the
/// resolver extension is not in the compilation, so no fix is offered that would not compile.
/// </summary>
internal sealed class KnownSymbols
{
    /// <summary>Matched by metadata name, so a source copy of the library satisfies the fixes as well as the package.</summary>
    public const string ResolverExtensionsMetadataName = "ClientIp.ClientIpHttpContextExtensions";

    /// <summary>The extension method every fix rewrites to.</summary>
    public const string ResolverMethodName = "GetClientIpAddress";

    private KnownSymbols(Compilation compilation, INamedTypeSymbol resolverExtensions, INamedTypeSymbol httpContext)
    {
        ResolverExtensions = resolverExtensions;
        HttpContext = httpContext;
        HttpRequest = compilation.GetTypeByMetadataName("Microsoft.AspNetCore.Http.HttpRequest");
        HttpContextAccessor = compilation.GetTypeByMetadataName("Microsoft.AspNetCore.Http.IHttpContextAccessor");
        HeaderDictionary = compilation.GetTypeByMetadataName("Microsoft.AspNetCore.Http.IHeaderDictionary");
        ConnectionInfo = compilation.GetTypeByMetadataName("Microsoft.AspNetCore.Http.ConnectionInfo");
        HttpConnectionFeature = compilation.GetTypeByMetadataName("Microsoft.AspNetCore.Http.Features.IHttpConnectionFeature");
        HubCallerContext = compilation.GetTypeByMetadataName("Microsoft.AspNetCore.SignalR.HubCallerContext");
        ServerCallContext = compilation.GetTypeByMetadataName("Grpc.Core.ServerCallContext");
        IPAddress = compilation.GetTypeByMetadataName("System.Net.IPAddress");
        StringValues = compilation.GetTypeByMetadataName("Microsoft.Extensions.Primitives.StringValues");
    }

    public INamedTypeSymbol ResolverExtensions { get; }

    public INamedTypeSymbol HttpContext { get; }

    public INamedTypeSymbol? HttpRequest { get; }

    public INamedTypeSymbol? HttpContextAccessor { get; }

    public INamedTypeSymbol? HeaderDictionary { get; }

    public INamedTypeSymbol? ConnectionInfo { get; }

    public INamedTypeSymbol? HttpConnectionFeature { get; }

    public INamedTypeSymbol? HubCallerContext { get; }

    public INamedTypeSymbol? ServerCallContext { get; }

    public INamedTypeSymbol? IPAddress { get; }

    public INamedTypeSymbol? StringValues { get; }

    public static KnownSymbols? TryCreate(Compilation compilation)
    {
        var httpContext = compilation.GetTypeByMetadataName("Microsoft.AspNetCore.Http.HttpContext");
        if (httpContext is null)
        {
            return null;
        }

        var extensions = FindResolverExtensions(compilation, httpContext);
        return extensions is null ? null : new KnownSymbols(compilation, extensions, httpContext);
    }

    /// <summary>Whether <paramref name="type"/> is <paramref name="expected"/> or derives from it.</summary>
    public static bool Is(ITypeSymbol? type, INamedTypeSymbol? expected)
    {
        if (expected is null)
        {
            return false;
        }

        for (var current = type; current is not null; current = current.BaseType)
        {
            if (SymbolEqualityComparer.Default.Equals(current.OriginalDefinition, expected))
            {
                return true;
            }
        }

        return type is not null && type.AllInterfaces.Any(i => SymbolEqualityComparer.Default.Equals(i, expected));
    }

    private static INamedTypeSymbol? FindResolverExtensions(Compilation compilation, INamedTypeSymbol httpContext)
    {
        // GetTypeByMetadataName gives null when the name exists twice (package + a source copy); then prefer the
        // copy in this compilation, else any one the compilation can see.
        var candidates = compilation.GetTypesByMetadataName(ResolverExtensionsMetadataName)
            .OrderByDescending(t => SymbolEqualityComparer.Default.Equals(t.ContainingAssembly, compilation.Assembly));
        foreach (var candidate in candidates)
        {
            if (!compilation.IsSymbolAccessibleWithin(candidate, compilation.Assembly))
            {
                continue;
            }

            var hasMethod = candidate.GetMembers(ResolverMethodName).OfType<IMethodSymbol>().Any(m =>
                m.IsExtensionMethod && m.Parameters.Length >= 1 &&
                SymbolEqualityComparer.Default.Equals(m.Parameters[0].Type, httpContext) &&
                m.Parameters.Skip(1).All(p => p.IsOptional));
            if (hasMethod)
            {
                return candidate;
            }
        }

        return null;
    }
}
