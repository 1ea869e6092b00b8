using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Threading;
using Microsoft.CodeAnalysis;

namespace ClientIp.Analyzers.Common;

/// <summary>
/// The one symbol registry of a compilation, shared by every analyzer and code fix (in the style of ASP.NET Core's
/// WellKnownTypes): each <see cref="WellKnownType"/> and <see cref="WellKnownMember"/> is looked up on first use and kept
/// for as long as the compilation lives, so a compilation that never meets a candidate never pays for the look-up.
/// </summary>
/// <remarks>
/// Concurrent first uses may look the same symbol up twice (same answer); nothing is ever stored in an analyzer field.
/// The domain predicates built on these symbols live in the other parts of this class.
/// </remarks>
internal sealed partial class WellKnownSymbols
{
    private static readonly ConditionalWeakTable<Compilation, WellKnownSymbols> PerCompilation = new();

    // Each WellKnownType's metadata name, in the enum's order. Written out rather than derived from the enum's names:
    // reflection over an enum cost a fresh compiler 1-5 ms, a fifth of our time in a small app (bench/analyzer-cost/README.md,
    // lever 16). WellKnownSymbolsTests holds the table to the enum.
    private static readonly string[] TypeNames =
    {
        "Microsoft.AspNetCore.Http.HttpContext",
        "Microsoft.AspNetCore.Http.HttpRequest",
        "Microsoft.AspNetCore.Http.HttpResponse",
        "Microsoft.AspNetCore.Http.ConnectionInfo",
        "Microsoft.AspNetCore.Http.IHeaderDictionary",
        "Microsoft.AspNetCore.Http.IHttpContextAccessor",
        "Microsoft.AspNetCore.Http.Features.IHttpConnectionFeature",
        "Microsoft.AspNetCore.Http.Headers.RequestHeaders",
        "Microsoft.AspNetCore.Http.Metadata.IFromHeaderMetadata",
        "Microsoft.AspNetCore.SignalR.HubCallerContext",
        "Microsoft.Extensions.Primitives.StringValues",

        "Microsoft.AspNetCore.Builder.IApplicationBuilder",
        "Microsoft.AspNetCore.Builder.ForwardedHeadersOptions",
        "Microsoft.AspNetCore.Builder.ForwardedHeadersExtensions",
        "Microsoft.AspNetCore.HttpOverrides.ForwardedHeaders",
        "Microsoft.AspNetCore.HttpOverrides.ForwardedHeadersDefaults",
        "Microsoft.AspNetCore.HttpOverrides.IPNetwork",

        "Grpc.Core.ServerCallContext",

        "System.Net.HttpListenerRequest",
        "System.Net.Http.Headers.HttpHeaders",
        "System.Net.Http.Headers.HttpResponseHeaders",
        "System.Net.Http.Headers.HttpContentHeaders",
        "System.Collections.Specialized.NameValueCollection",
        "System.Web.HttpRequest",
        "System.Web.HttpRequestBase",
        "System.Web.Http.ApiController",

        "System.Net.IPAddress",
        "System.Net.IPEndPoint",
        "System.Net.IPNetwork",
        "Microsoft.Extensions.Logging.ILogger",
        "Microsoft.Extensions.Logging.LoggerMessageAttribute",

        "ClientIp.ClientIpHttpContextExtensions",
        "ClientIp.ClientIpOptions",

        "Grpc.Core.Metadata",
        "Microsoft.AspNetCore.Http.Features.IServerVariablesFeature",
        "Microsoft.AspNetCore.Http.HttpContextServerVariableExtensions",
        "Microsoft.AspNetCore.HeaderParsing.HeaderParsingFeature",
        "Microsoft.AspNetCore.Http.HeaderParsingHttpRequestExtensions",

        "ClientIp.ClientIpHttpListenerExtensions",
        "Microsoft.Extensions.DependencyInjection.ClientIpServiceCollectionExtensions",
        "Microsoft.Extensions.DependencyInjection.IServiceCollection",
        "System.Threading.RateLimiting.RateLimitPartition",
        "System.Net.HttpListenerContext",
    };

    // Each WellKnownMember's type and name, in the enum's order: a small class rather than a tuple over our enum, whose
    // constructor a fresh compiler would JIT-compile (lever 16). WellKnownSymbolsTests holds the table to the enum.
    private static readonly MemberDescription[] MemberTable =
    {
        new(WellKnownType.Microsoft_AspNetCore_Http_ConnectionInfo, "RemoteIpAddress"),
        new(WellKnownType.Microsoft_AspNetCore_Http_Features_IHttpConnectionFeature, "RemoteIpAddress"),
        new(WellKnownType.Microsoft_AspNetCore_HttpOverrides_ForwardedHeadersDefaults, "XForwardedForHeaderName"),
        new(WellKnownType.System_Net_HttpListenerRequest, "Headers"),
        new(WellKnownType.System_Net_HttpListenerRequest, "RemoteEndPoint"),
        new(WellKnownType.System_Web_HttpRequest, "Headers"),
        new(WellKnownType.System_Web_HttpRequest, "ServerVariables"),
        new(WellKnownType.System_Web_HttpRequest, "UserHostAddress"),
        new(WellKnownType.System_Web_HttpRequestBase, "Headers"),
        new(WellKnownType.System_Web_HttpRequestBase, "ServerVariables"),
        new(WellKnownType.System_Web_HttpRequestBase, "UserHostAddress"),
        new(WellKnownType.Microsoft_AspNetCore_Builder_ForwardedHeadersOptions, "KnownProxies"),
        new(WellKnownType.Microsoft_AspNetCore_Builder_ForwardedHeadersOptions, "KnownNetworks"),
        new(WellKnownType.Microsoft_AspNetCore_Builder_ForwardedHeadersOptions, "KnownIPNetworks"),
        new(WellKnownType.Microsoft_AspNetCore_Builder_ForwardedHeadersOptions, "ForwardedHeaders"),
        new(WellKnownType.ClientIp_ClientIpOptions, "TrustedProxies"),
        new(WellKnownType.ClientIp_ClientIpOptions, "UnsafeTrustEveryPeer"),
        new(WellKnownType.Grpc_Core_ServerCallContext, "Peer"),
        new(WellKnownType.Grpc_Core_ServerCallContext, "RequestHeaders"),
    };

    private static readonly string[] SimpleTypeNames = Array.ConvertAll(TypeNames, name => name.Substring(name.LastIndexOf('.') + 1));

    // Typed slots rather than objects cast back on every ask: these are read several times per operation, and a cast to
    // an interface (INamedTypeSymbol, ISymbol) searches the symbol's interface list each time.
    private readonly Slot<INamedTypeSymbol>?[] _types = new Slot<INamedTypeSymbol>?[TypeNames.Length];
    private readonly Slot<ISymbol>?[] _members = new Slot<ISymbol>?[MemberTable.Length];

    private WellKnownSymbols(Compilation compilation)
    {
        Compilation = compilation;
        _relevant = new CachedAnswer(FindRelevance);
    }

    public Compilation Compilation { get; }

    /// <summary>The registry of <paramref name="compilation"/>, created on first use.</summary>
    public static WellKnownSymbols For(Compilation compilation) => PerCompilation.GetValue(compilation, static c => new WellKnownSymbols(c));

    /// <summary>The metadata name of <paramref name="type"/>, e.g. <c>Microsoft.AspNetCore.Http.HttpContext</c>.</summary>
    public static string MetadataName(WellKnownType type) => TypeNames[(int)type];

    /// <summary>The number of metadata names in the table, for its test.</summary>
    internal static int TypeCount => TypeNames.Length;

    /// <summary>The type, or null when the compilation does not reference it.</summary>
    public INamedTypeSymbol? Get(WellKnownType type)
    {
        var slot = Volatile.Read(ref _types[(int)type]);
        if (slot is null)
        {
            slot = new Slot<INamedTypeSymbol>(FindType(MetadataName(type)));
            Volatile.Write(ref _types[(int)type], slot);
        }

        return slot.Value;
    }

    /// <summary>The member, or null when its type or the member is missing.</summary>
    public ISymbol? Get(WellKnownMember member)
    {
        var slot = Volatile.Read(ref _members[(int)member]);
        if (slot is null)
        {
            var description = MemberTable[(int)member];
            slot = new Slot<ISymbol>(FirstMember(Get(description.Type), description.Name));
            Volatile.Write(ref _members[(int)member], slot);
        }

        return slot.Value;
    }

    /// <summary>The member as a property, or null (missing, or declared as something else).</summary>
    public IPropertySymbol? Property(WellKnownMember member) => Get(member) as IPropertySymbol;

    /// <summary>Whether <paramref name="symbol"/> (or its original definition) is the well-known type.</summary>
    /// <remarks>The name is compared before the type is looked up: most asks are about other types, which then never cost a look-up.</remarks>
    public bool Is(ITypeSymbol? symbol, WellKnownType type) =>
        symbol is not null && string.Equals(symbol.Name, SimpleTypeNames[(int)type], StringComparison.Ordinal) &&
        Get(type) is { } expected && IsDefinition(symbol, expected);

    /// <summary>Whether <paramref name="symbol"/> (or its original definition) is the well-known member.</summary>
    public bool Is(ISymbol? symbol, WellKnownMember member) =>
        symbol is not null && Get(member) is { } expected && SymbolEqualityComparer.Default.Equals(symbol.OriginalDefinition, expected);

    /// <summary>Whether <paramref name="type"/> is the well-known class or derives from it.</summary>
    public bool InheritsFrom(ITypeSymbol? type, WellKnownType baseType) => InheritsFrom(type, Get(baseType));

    /// <summary>Whether <paramref name="type"/> is, derives from or implements the well-known type.</summary>
    public bool IsOrImplements(ITypeSymbol? type, WellKnownType expected)
    {
        if (type is null || Get(expected) is not { } target)
        {
            return false;
        }

        if (InheritsFrom(type, target))
        {
            return true;
        }

        foreach (var implemented in type.AllInterfaces)
        {
            if (IsDefinition(implemented, target))
            {
                return true;
            }
        }

        return false;
    }

    public static bool InheritsFrom(ITypeSymbol? type, INamedTypeSymbol? baseType)
    {
        if (baseType is null)
        {
            return false;
        }

        for (var current = type; current is not null; current = current.BaseType)
        {
            if (IsDefinition(current, baseType))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether <paramref name="type"/> (or its original definition) is <paramref name="definition"/>.</summary>
    /// <remarks>
    /// Names first: nearly every ask is about another type, names of other types usually differ in length, and the
    /// symbol comparison goes through the compiler's public model (original definition, casts) on every ask; these run
    /// several times per call and property reference (bench/analyzer-cost/README.md, lever 13). Same answer: a type and
    /// its original definition have the same name.
    /// </remarks>
    private static bool IsDefinition(ITypeSymbol type, INamedTypeSymbol definition) =>
        ReferenceEquals(type, definition) ||
        (string.Equals(type.Name, definition.Name, StringComparison.Ordinal) && SymbolEqualityComparer.Default.Equals(type.OriginalDefinition, definition));

    /// <summary>
    /// The type of that name the compilation sees: its own definition first (a source copy beside a package), else
    /// the only accessible one. Unlike <c>GetTypeByMetadataName</c>, which gives null when two referenced assemblies
    /// define the name; two accessible foreign definitions stay ambiguous (null), better no match than the wrong one.
    /// </summary>
    /// <remarks>
    /// Found through the compilation's merged namespaces, the ones the compiler itself binds names with: a look-up
    /// asks only the assemblies that declare the namespace, and by the time a rule asks, binding the code has usually
    /// loaded them. <c>GetTypesByMetadataName</c> asks every referenced assembly (about 190 in an ASP.NET Core app) and
    /// was a fifth of our time in a cold build (bench/analyzer-cost/README.md). Our names are top-level and not generic.
    /// </remarks>
    private INamedTypeSymbol? FindType(string metadataName)
    {
        var compilation = Compilation;
        INamespaceSymbol? container = compilation.GlobalNamespace;
        var start = 0;
        for (var dot = metadataName.IndexOf('.'); dot >= 0 && container is not null; dot = metadataName.IndexOf('.', start))
        {
            container = Namespace(container, metadataName.Substring(start, dot - start));
            start = dot + 1;
        }

        if (container is null)
        {
            return null;
        }

        INamedTypeSymbol? found = null;
        var ambiguous = false;
        foreach (var candidate in container.GetTypeMembers(metadataName.Substring(start), 0))
        {
            if (SymbolEqualityComparer.Default.Equals(candidate.ContainingAssembly, compilation.Assembly))
            {
                return candidate;
            }

            if (candidate.DeclaredAccessibility == Accessibility.Public || compilation.IsSymbolAccessibleWithin(candidate, compilation.Assembly))
            {
                ambiguous |= found is not null;
                found = candidate;
            }
        }

        return ambiguous ? null : found;
    }

    private static INamespaceSymbol? Namespace(INamespaceSymbol container, string name)
    {
        foreach (var member in container.GetMembers(name))
        {
            if (member is INamespaceSymbol ns)
            {
                return ns;
            }
        }

        return null;
    }

    private static ISymbol? FirstMember(INamedTypeSymbol? type, string name)
    {
        if (type is null)
        {
            return null;
        }

        foreach (var member in type.GetMembers(name))
        {
            if (member is IPropertySymbol or IMethodSymbol)
            {
                return member;
            }
        }

        return null;
    }

    /// <summary>Every member description in the enum's order, for the registry's own tests.</summary>
    internal static IEnumerable<(WellKnownMember Member, WellKnownType Type, string Name)> AllMembers()
    {
        for (var i = 0; i < MemberTable.Length; i++)
        {
            yield return ((WellKnownMember)i, MemberTable[i].Type, MemberTable[i].Name);
        }
    }

    /// <summary>A member's declaring type and name.</summary>
    private sealed class MemberDescription
    {
        public MemberDescription(WellKnownType type, string name)
        {
            Type = type;
            Name = name;
        }

        public WellKnownType Type { get; }
        public string Name { get; }
    }

    /// <summary>A look-up's answer, kept: the symbol, or null when the compilation has none (an empty slot: not asked yet).</summary>
    private sealed class Slot<T>
        where T : class
    {
        public Slot(T? value) => Value = value;

        public T? Value { get; }
    }
}
