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
    public Task AConstantDeclaredInAnotherFile() => VerifyAsync(
        Web("""
            static class Endpoints
            {
                public static string Client(HttpContext ctx) => {|CIP0002:ctx.Request.Headers[Names.ClientAddress]|}.ToString();
            }
            """),
        Web("""
            static class Names
            {
                public const string ClientAddress = "X-Real-IP";
            }
            """));

    [Fact]
    public Task AFromHeaderBindingNamedByAConstantOfAnotherFile() => VerifyAsync(
        Web("""
            public sealed class Handlers
            {
                public static IResult Client([{|CIP0002:FromHeader(Name = Names.ClientAddress)|}] string? client) => Results.Text(client ?? "");
            }
            """),
        Web("""
            static class Names
            {
                public const string ClientAddress = "CF-Connecting-IP";
            }
            """));

    [Fact]
    public Task AConstantMadeOfConstantsOfTwoOtherFiles() => VerifyAsync(
        Web("""
            static class Endpoints
            {
                public static string First(HttpContext ctx) => {|CIP0003:ctx.Request.Headers[Names.ClientList].ToString().Split(',')[0]|};
            }
            """),
        Web("""
            static class Names
            {
                public const string ClientList = Parts.Prefix + "For";
            }
            """),
        Web("""
            static class Parts
            {
                public const string Prefix = Vendor.Name + "-Forwarded-";
            }

            static class Vendor
            {
                public const string Name = "X";
            }
            """));

    [Fact]
    public Task AListOfNamesInAnotherFile() => VerifyAsync(
        Web("""
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
        Web("""
            static class Names
            {
                public static readonly string[] Candidates = { "CF-Connecting-IP", "True-Client-IP" };
            }
            """));

    [Fact]
    public Task AHelpersDefaultNameInAnotherFile() => VerifyAsync(
        Web("""
            static class Endpoints
            {
                public static string Client(HttpContext ctx) => {|CIP0002:Requests.Header(ctx)|};
            }
            """),
        Web("""
            static class Requests
            {
                public static string Header(HttpContext ctx, string name = "X-Client-IP") => ctx.Request.Headers[name].ToString();
            }
            """));

    [Fact]
    public Task TheServerVariableOfThePeerInAnotherFile() => VerifyAsync(
        Web("""
            static class Endpoints
            {
                public static string? Client(HttpContext ctx) => {|CIP0001:ctx.GetServerVariable(Variables.Address)|};
            }
            """),
        Web("""
            static class Variables
            {
                public const string Address = "REMOTE_ADDR";
            }
            """));

    // The parsed type says the read takes addresses; the reading file names no header at all.
    [Fact]
    public Task AHeaderParsingKeyRegisteredInAnotherFile() => VerifyAsync(
        Web("""
            using Microsoft.AspNetCore.HeaderParsing;

            sealed class ClientAddress(ClientKeys keys)
            {
                public string Chain(HttpRequest request) =>
                    {|CIP0002:request.TryGetHeaderValue(keys.Addresses, out var addresses)|} ? string.Join(",", addresses) : "";
            }
            """),
        Web("""
            using Microsoft.AspNetCore.HeaderParsing;

            public sealed class ClientKeys
            {
                public ClientKeys(IHeaderRegistry registry)
                {
                    Addresses = registry.Register(CommonHeaders.XForwardedFor);
                }

                public HeaderKey<IReadOnlyList<IPAddress>> Addresses { get; }
            }
            """),
        HeaderParsingStub);

    [Fact]
    public Task AnotherFilesConstantForAnotherHeaderIsNoRead() => VerifyAsync(
        Web("""
            static class Endpoints
            {
                public static string Correlation(HttpContext ctx) => ctx.Request.Headers[Names.Correlation].ToString();
            }
            """),
        Web("""
            static class Names
            {
                public const string Correlation = "X-Correlation-ID";
                public const string ClientAddress = "X-Real-IP";
            }
            """));

    [Theory]
    [InlineData("XRealIp")]
    [InlineData("XRealIP")]
    [InlineData("CfConnectingIP")]
    [InlineData("XForwardedFor")]
    public Task AConstantOfAnotherAssemblyNamedForTheHeader(string constant) => VerifyWithLibraryAsync(
        Web($$"""
            static class Endpoints
            {
                public static string Client(HttpContext ctx) => {|CIP0002:ctx.Request.Headers[Contoso.Shared.HeaderNames.{{constant}}]|}.ToString();
            }
            """),
        $"public const string {constant} = \"True-Client-IP\";");

    // Documented on the CIP0002 page: only files whose text can hold a finding are looked at.
    [Fact]
    public Task AConstantOfAnotherAssemblyWithAnUnrelatedNameIsNotFollowed() => VerifyWithLibraryAsync(
        Web("""
            static class Endpoints
            {
                public static string Client(HttpContext ctx) => ctx.Request.Headers[Contoso.Shared.HeaderNames.ClientAddress].ToString();
            }
            """),
        "public const string ClientAddress = \"X-Real-IP\";");

    /// <summary>The reading file (markup) with the other files of the compilation.</summary>
    private static Task VerifyAsync(string reading, params string[] otherFiles)
    {
        var test = new ReadAnalyzersTest { TestCode = reading };
        foreach (var file in otherFiles)
        {
            test.TestState.Sources.Add(file);
        }

        return test.RunAsync(CancellationToken.None);
    }

    /// <summary>The reading file (markup) with a compiled library holding <paramref name="libraryMembers"/> (see <see cref="SharedLibrary"/>).</summary>
    private static Task VerifyWithLibraryAsync(string reading, string libraryMembers)
    {
        var test = new ReadAnalyzersTest { TestCode = reading };
        test.TestState.AdditionalReferences.Add(SharedLibrary(libraryMembers));
        return test.RunAsync(CancellationToken.None);
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
