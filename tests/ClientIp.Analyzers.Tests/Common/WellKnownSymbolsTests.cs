using System;
using System.Linq;
using ClientIp.Analyzers.Common;
using ClientIp.Analyzers.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace ClientIp.Analyzers.Tests.Common;

/// <summary>The one symbol registry the analyzers and code fixes share.</summary>
public class WellKnownSymbolsTests
{
    // Types that a web project with the ClientIp package does not reference: classic ASP.NET, gRPC, header parsing.
    private static readonly WellKnownType[] Optional =
    {
        WellKnownType.System_Web_HttpRequest, WellKnownType.System_Web_HttpRequestBase, WellKnownType.System_Web_Http_ApiController,
        WellKnownType.Grpc_Core_ServerCallContext, WellKnownType.Grpc_Core_Metadata,
        WellKnownType.Microsoft_AspNetCore_HeaderParsing_HeaderParsingFeature, WellKnownType.Microsoft_AspNetCore_Http_HeaderParsingHttpRequestExtensions,
    };

    private static CSharpCompilation Compilation(string source = "", bool withResolver = true) =>
        CSharpCompilation.Create(
            "App",
            new[] { CSharpSyntaxTree.ParseText(source) },
            withResolver ? TestReferences.AspNetCore.Add(TestReferences.ClientIpResolver) : TestReferences.AspNetCore,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));

    [Fact]
    public void EveryTypeAndMemberResolvesInAWebProjectWithTheResolver()
    {
        var symbols = WellKnownSymbols.For(Compilation());

        var missingTypes = Enum.GetValues<WellKnownType>().Where(t => !Optional.Contains(t) && symbols.Get(t) is null);
        Assert.Empty(missingTypes);
        var missingMembers = WellKnownSymbols.AllMembers().Where(m => !Optional.Contains(m.Type) && symbols.Get(m.Member) is null);
        Assert.Empty(missingMembers);
    }

    [Fact]
    public void TheMetadataNameIsTheEnumNameWithDots() =>
        Assert.Equal("Microsoft.AspNetCore.Http.Features.IHttpConnectionFeature",
            WellKnownSymbols.MetadataName(WellKnownType.Microsoft_AspNetCore_Http_Features_IHttpConnectionFeature));

    // The registry's tables of type names and of members are written out (no reflection in a compiler); they follow the enums.
    [Fact]
    public void TheTableOfMetadataNamesFollowsTheEnum()
    {
        var types = Enum.GetValues<WellKnownType>();

        Assert.Equal(types.Length, WellKnownSymbols.TypeCount);
        Assert.All(types, type => Assert.Equal(type.ToString().Replace('_', '.'), WellKnownSymbols.MetadataName(type)));
    }

    [Fact]
    public void TheTableOfMembersFollowsTheEnum()
    {
        // ConnectionInfo_RemoteIpAddress: RemoteIpAddress on Microsoft.AspNetCore.Http.ConnectionInfo (WebHttpRequest_...: on
        // System.Web.HttpRequest). Only the type's simple name is compared with the enum name's prefix.
        var members = WellKnownSymbols.AllMembers().ToArray();

        Assert.Equal(Enum.GetValues<WellKnownMember>().Length, members.Length);
        Assert.All(members, m =>
        {
            var enumName = m.Member.ToString();
            var separator = enumName.LastIndexOf('_');
            Assert.Equal(enumName.Substring(separator + 1), m.Name);
            var typeName = WellKnownSymbols.MetadataName(m.Type);
            Assert.EndsWith(typeName.Substring(typeName.LastIndexOf('.') + 1), enumName.Substring(0, separator), StringComparison.Ordinal);
        });
    }

    [Fact]
    public void OneRegistryPerCompilation()
    {
        var compilation = Compilation();
        Assert.Same(WellKnownSymbols.For(compilation), WellKnownSymbols.For(compilation));
        Assert.NotSame(WellKnownSymbols.For(compilation), WellKnownSymbols.For(Compilation()));
    }

    [Fact]
    public void WithoutTheLibraryThereIsNoResolverToRewriteTo()
    {
        Assert.NotNull(WellKnownSymbols.For(Compilation()).ResolverExtensions);
        Assert.Null(WellKnownSymbols.For(Compilation(withResolver: false)).ResolverExtensions);
    }

    [Fact]
    public void ASourceCopyOfTheResolverBesideThePackageIsTheOneUsed()
    {
        // The name is then defined twice, where GetTypeByMetadataName alone answers null.
        const string copy = """
            namespace ClientIp
            {
                public static class ClientIpHttpContextExtensions
                {
                    public static System.Net.IPAddress? GetClientIpAddress(this Microsoft.AspNetCore.Http.HttpContext context) => null;
                }
            }
            """;
        var compilation = Compilation(copy);

        var resolver = WellKnownSymbols.For(compilation).ResolverExtensions;

        Assert.NotNull(resolver);
        Assert.Equal(compilation.Assembly, resolver!.ContainingAssembly, SymbolEqualityComparer.Default);
    }

    [Fact]
    public void AResolverWithoutTheHttpContextMethodIsNotOne()
    {
        const string impostor = """
            namespace ClientIp
            {
                public static class ClientIpHttpContextExtensions
                {
                    public static string Describe(this Microsoft.AspNetCore.Http.HttpContext context) => "";
                }
            }
            """;

        Assert.Null(WellKnownSymbols.For(Compilation(impostor, withResolver: false)).ResolverExtensions);
    }

    [Fact]
    public void ATypeWhoseNamespaceNoReferenceDeclaresIsMissing()
    {
        var symbols = WellKnownSymbols.For(Compilation());

        Assert.Null(symbols.Get(WellKnownType.Grpc_Core_ServerCallContext));
        Assert.Null(symbols.Get(WellKnownType.System_Web_HttpRequest));
        Assert.NotNull(symbols.Get(WellKnownType.Microsoft_AspNetCore_Http_HttpContext));
    }

    [Fact]
    public void TwoReferencedDefinitionsOfTheNameAreAmbiguousAndAnInternalOneIsNotSeen()
    {
        static MetadataReference Library(string name, string source) => CSharpCompilation.Create(
                name, new[] { CSharpSyntaxTree.ParseText(source) }, TestReferences.AspNetCore,
                new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary))
            .ToMetadataReference();
        const string publicStub = "namespace Grpc.Core { public abstract class ServerCallContext { } }";
        const string internalStub = "namespace Grpc.Core { internal abstract class ServerCallContext { } }";
        CSharpCompilation With(params MetadataReference[] libraries) => CSharpCompilation.Create(
            "App", new[] { CSharpSyntaxTree.ParseText("") }, TestReferences.AspNetCore.AddRange(libraries),
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));

        var one = With(Library("GrpcA", publicStub));
        var two = With(Library("GrpcA", publicStub), Library("GrpcB", publicStub));
        var hidden = With(Library("GrpcC", internalStub));

        Assert.Equal("GrpcA", WellKnownSymbols.For(one).Get(WellKnownType.Grpc_Core_ServerCallContext)?.ContainingAssembly.Name);
        Assert.Null(WellKnownSymbols.For(two).Get(WellKnownType.Grpc_Core_ServerCallContext));
        Assert.Null(WellKnownSymbols.For(hidden).Get(WellKnownType.Grpc_Core_ServerCallContext));
    }

    [Fact]
    public void ASourceDefinitionOfAFrameworkNameWins()
    {
        var compilation = Compilation("namespace Microsoft.AspNetCore.Http { public sealed class ConnectionInfo { } }");

        var type = WellKnownSymbols.For(compilation).Get(WellKnownType.Microsoft_AspNetCore_Http_ConnectionInfo);

        Assert.Equal(compilation.Assembly, type?.ContainingAssembly, SymbolEqualityComparer.Default);
    }
}
