using Microsoft.CodeAnalysis;
using static ClientIp.Analyzers.Common.WellKnownType;

namespace ClientIp.Analyzers.Common;

/// <summary>Predicates the code fixes ask about the resolver library and the code they rewrite.</summary>
internal sealed partial class WellKnownSymbols
{
    /// <summary>The resolver's rate-limiting partition key method (<c>HttpContext.GetClientIpPartitionKey()</c>).</summary>
    public const string PartitionKeyMethodName = "GetClientIpPartitionKey";

    /// <summary>The resolver's registration method (<c>IServiceCollection.AddClientIp(...)</c>).</summary>
    public const string AddClientIpName = "AddClientIp";

    private Slot<INamedTypeSymbol>? _listenerResolver;

    /// <summary>
    /// The resolver's entry point for <c>System.Net.HttpListenerRequest</c> (<c>ClientIp.ClientIpHttpListenerExtensions</c>),
    /// when it is accessible and has <c>GetClientIpAddress(HttpListenerRequest)</c>; otherwise null.
    /// </summary>
    public INamedTypeSymbol? ListenerResolverExtensions
    {
        get
        {
            var slot = System.Threading.Volatile.Read(ref _listenerResolver);
            if (slot is null)
            {
                slot = new Slot<INamedTypeSymbol>(FindExtensions(Get(ClientIp_ClientIpHttpListenerExtensions), Get(System_Net_HttpListenerRequest), ResolverMethodName));
                System.Threading.Volatile.Write(ref _listenerResolver, slot);
            }

            return slot.Value;
        }
    }

    /// <summary>Whether the resolver has <c>GetClientIpPartitionKey(HttpContext)</c> (added after <c>GetClientIpAddress</c>).</summary>
    public bool HasPartitionKeyMethod =>
        ResolverExtensions is { } extensions &&
        FindExtensions(extensions, Get(Microsoft_AspNetCore_Http_HttpContext), PartitionKeyMethodName) is not null;

    /// <summary>The class declaring <c>AddClientIp(this IServiceCollection, ...)</c>, when accessible.</summary>
    public INamedTypeSymbol? ClientIpServiceRegistration =>
        Get(Microsoft_Extensions_DependencyInjection_ClientIpServiceCollectionExtensions) is { } type &&
        Compilation.IsSymbolAccessibleWithin(type, Compilation.Assembly)
            ? type
            : null;

    /// <summary>
    /// <c>RateLimitPartition.GetFixedWindowLimiter</c> and its siblings (and <c>Get&lt;TKey&gt;</c>): the first argument is
    /// the partition key.
    /// </summary>
    public bool IsRateLimitPartitionFactory(IMethodSymbol method) =>
        method.IsStatic && method.Name.StartsWith("Get", System.StringComparison.Ordinal) && method.Parameters.Length > 0 &&
        method.Parameters[0].Name == "partitionKey" && Is(method.ContainingType, System_Threading_RateLimiting_RateLimitPartition);

    /// <summary>
    /// <paramref name="extensions"/> when it is accessible and has an extension method <paramref name="name"/> whose
    /// receiver is <paramref name="receiver"/> and whose other parameters are optional.
    /// </summary>
    private INamedTypeSymbol? FindExtensions(INamedTypeSymbol? extensions, INamedTypeSymbol? receiver, string name)
    {
        if (extensions is null || receiver is null || !Compilation.IsSymbolAccessibleWithin(extensions, Compilation.Assembly))
        {
            return null;
        }

        foreach (var member in extensions.GetMembers(name))
        {
            if (member is IMethodSymbol { IsExtensionMethod: true, Parameters.Length: >= 1 } method &&
                SymbolEqualityComparer.Default.Equals(method.Parameters[0].Type, receiver) &&
                AllOptionalAfterFirst(method))
            {
                return extensions;
            }
        }

        return null;
    }
}
