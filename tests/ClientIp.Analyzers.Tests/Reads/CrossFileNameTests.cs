using System.IO;
using System.Threading;
using System.Threading.Tasks;
using ClientIp.Analyzers.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using static ClientIp.Analyzers.Tests.Cases.CaseSources;

namespace ClientIp.Analyzers.Tests.Reads;

/// <summary>
/// Reads whose file never spells the header: the name is declared in another file (a constant class, a list of names, a
/// helper's default). The analyzer looks only at files whose text can hold a finding (CandidateTrees); these files
/// qualify through the other file's declaration.
/// </summary>
public class CrossFileNameTests
{
    [Fact]
    public async Task AConstantDeclaredInAnotherFile()
    {
        var test = new ReadAnalyzersTest
        {
            TestCode = Web("""
                static class Endpoints
                {
                    public static string Client(HttpContext ctx) => {|CIP0002:ctx.Request.Headers[Names.ClientAddress]|}.ToString();
                }
                """),
        };
        test.TestState.Sources.Add(Web("""
            static class Names
            {
                public const string ClientAddress = "X-Real-IP";
            }
            """));

        await test.RunAsync(CancellationToken.None);
    }

    [Fact]
    public async Task AConstantMadeOfConstantsOfTwoOtherFiles()
    {
        var test = new ReadAnalyzersTest
        {
            TestCode = Web("""
                static class Endpoints
                {
                    public static string First(HttpContext ctx) => {|CIP0003:ctx.Request.Headers[Names.ClientList].ToString().Split(',')[0]|};
                }
                """),
        };
        test.TestState.Sources.Add(Web("""
            static class Names
            {
                public const string ClientList = Parts.Prefix + "For";
            }
            """));
        test.TestState.Sources.Add(Web("""
            static class Parts
            {
                public const string Prefix = Vendor.Name + "-Forwarded-";
            }

            static class Vendor
            {
                public const string Name = "X";
            }
            """));

        await test.RunAsync(CancellationToken.None);
    }

    [Fact]
    public async Task AListOfNamesInAnotherFile()
    {
        var test = new ReadAnalyzersTest
        {
            TestCode = Web("""
                static class Endpoints
                {
                    public static string? Client(HttpContext ctx)
                    {
                        foreach (var name in Names.Candidates)
                        {
                            if ({|CIP0002:ctx.Request.Headers.TryGetValue(name, out var value)|})
                            {
                                return value.ToString();
                            }
                        }

                        return null;
                    }
                }
                """),
        };
        test.TestState.Sources.Add(Web("""
            static class Names
            {
                public static readonly string[] Candidates = { "CF-Connecting-IP", "True-Client-IP" };
            }
            """));

        await test.RunAsync(CancellationToken.None);
    }

    [Fact]
    public async Task AHelpersDefaultNameInAnotherFile()
    {
        var test = new ReadAnalyzersTest
        {
            TestCode = Web("""
                static class Endpoints
                {
                    public static string Client(HttpContext ctx) => {|CIP0002:Requests.Header(ctx)|};
                }
                """),
        };
        test.TestState.Sources.Add(Web("""
            static class Requests
            {
                public static string Header(HttpContext ctx, string name = "X-Client-IP") => ctx.Request.Headers[name].ToString();
            }
            """));

        await test.RunAsync(CancellationToken.None);
    }

    [Fact]
    public async Task TheServerVariableOfThePeerInAnotherFile()
    {
        var test = new ReadAnalyzersTest
        {
            TestCode = Web("""
                static class Endpoints
                {
                    public static string? Client(HttpContext ctx) => {|CIP0001:ctx.GetServerVariable(Variables.Address)|};
                }
                """),
        };
        test.TestState.Sources.Add(Web("""
            static class Variables
            {
                public const string Address = "REMOTE_ADDR";
            }
            """));

        await test.RunAsync(CancellationToken.None);
    }

    [Fact]
    public async Task AHeaderParsingKeyRegisteredInAnotherFile()
    {
        // The parsed type says the read takes addresses; the reading file names no header at all.
        var test = new ReadAnalyzersTest
        {
            TestCode = Web("""
                using Microsoft.AspNetCore.HeaderParsing;

                sealed class ClientAddress(ClientKeys keys)
                {
                    public string Chain(HttpRequest request) =>
                        {|CIP0002:request.TryGetHeaderValue(keys.Addresses, out var addresses)|} ? string.Join(",", addresses) : "";
                }
                """),
        };
        test.TestState.Sources.Add(Web("""
            using Microsoft.AspNetCore.HeaderParsing;

            public sealed class ClientKeys
            {
                public ClientKeys(IHeaderRegistry registry)
                {
                    Addresses = registry.Register(CommonHeaders.XForwardedFor);
                }

                public HeaderKey<IReadOnlyList<IPAddress>> Addresses { get; }
            }
            """));
        test.TestState.Sources.Add(HeaderParsingStub);

        await test.RunAsync(CancellationToken.None);
    }

    [Fact]
    public async Task AnotherFilesConstantForAnotherHeaderIsNoRead()
    {
        var test = new ReadAnalyzersTest
        {
            TestCode = Web("""
                static class Endpoints
                {
                    public static string Correlation(HttpContext ctx) => ctx.Request.Headers[Names.Correlation].ToString();
                }
                """),
        };
        test.TestState.Sources.Add(Web("""
            static class Names
            {
                public const string Correlation = "X-Correlation-ID";
                public const string ClientAddress = "X-Real-IP";
            }
            """));

        await test.RunAsync(CancellationToken.None);
    }

    [Theory]
    [InlineData("XRealIp")]
    [InlineData("XRealIP")]
    [InlineData("CfConnectingIP")]
    [InlineData("XForwardedFor")]
    public async Task AConstantOfAnotherAssemblyNamedForTheHeader(string constant)
    {
        var test = new ReadAnalyzersTest
        {
            TestCode = Web($$"""
                static class Endpoints
                {
                    public static string Client(HttpContext ctx) => {|CIP0002:ctx.Request.Headers[Contoso.Shared.HeaderNames.{{constant}}]|}.ToString();
                }
                """),
        };
        test.TestState.AdditionalReferences.Add(SharedLibrary($"public const string {constant} = \"True-Client-IP\";"));

        await test.RunAsync(CancellationToken.None);
    }

    [Fact]
    public async Task AConstantOfAnotherAssemblyWithAnUnrelatedNameIsNotFollowed()
    {
        // Documented on the CIP0002 page: only files whose text can hold a finding are looked at.
        var test = new ReadAnalyzersTest
        {
            TestCode = Web("""
                static class Endpoints
                {
                    public static string Client(HttpContext ctx) => ctx.Request.Headers[Contoso.Shared.HeaderNames.ClientAddress].ToString();
                }
                """),
        };
        test.TestState.AdditionalReferences.Add(SharedLibrary("public const string ClientAddress = \"X-Real-IP\";"));

        await test.RunAsync(CancellationToken.None);
    }

    /// <summary>A compiled library with <c>Contoso.Shared.HeaderNames</c> holding <paramref name="members"/>, as a project or package reference is seen.</summary>
    private static MetadataReference SharedLibrary(string members)
    {
        var library = CSharpCompilation.Create(
            "Contoso.Shared",
            new[] { CSharpSyntaxTree.ParseText($"namespace Contoso.Shared {{ public static class HeaderNames {{ {members} }} }}") },
            TestReferences.NetCoreOnly,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        using var image = new MemoryStream();
        var emitted = library.Emit(image);
        Assert.True(emitted.Success, string.Join("\n", emitted.Diagnostics));
        return MetadataReference.CreateFromImage(image.ToArray());
    }
}
