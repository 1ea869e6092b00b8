using System.Linq;
using System.Threading;
using ClientIp.Analyzers;
using ClientIp.Analyzers.Common;
using ClientIp.Analyzers.Reads;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace ClientIp.Analyzers.Tests.Common;

/// <summary>Which files of a compilation the analyzer looks at (the cross-file declarations are in Reads/CrossFileNameTests).</summary>
public class CandidateTreesTests
{
    // One value ("real-ip", followed into declarations) and one member name.
    private static readonly CandidateTrees.Witnesses Witnesses = new(values: new[] { "real-ip" }, valueNames: new[] { "RealIp" }, members: new[] { "RemoteIpAddress" });

    [Fact]
    public void FilesThatMentionAWitnessOrADeclarationOfAValueAreCandidates()
    {
        var (candidates, trees) = Create(
            "class Names { public const string Client = \"X-Real-IP\"; }",
            "class Reads { object? A(Microsoft.AspNetCore.Http.ConnectionInfo c) => c.RemoteIpAddress; }",
            "class Uses { string B => Names.Client; }",
            "class Other { string C => \"X-Correlation-ID\"; }");

        Assert.Equal(new[] { true, true, true, false }, trees.Select(t => candidates.Contains(t)));
    }

    [Fact]
    public void AMemberNameIsNotFollowedIntoDeclarations()
    {
        var (candidates, trees) = Create(
            "class Names { public const string Property = \"RemoteIpAddress\"; }",
            "class Uses { string B => Names.Property; }");

        Assert.Equal(new[] { true, false }, trees.Select(t => candidates.Contains(t)));
    }

    [Fact]
    public void ALocalIsNotFollowed()
    {
        var (candidates, trees) = Create(
            "class Reads { string A() { var client = \"X-Real-IP\"; return client; } }",
            "class Uses { string client = \"\"; }");

        Assert.Equal(new[] { true, false }, trees.Select(t => candidates.Contains(t)));
    }

    [Fact]
    public void AnEditElsewhereIsSeenByTheNextCompilationOfTheSameFiles()
    {
        // What a file mentions is kept with its tree; which names other files declare is asked again per compilation.
        var (first, trees) = Create(
            "class Names { public const string Client = \"X-Real-IP\"; }",
            "class Uses { string B => Names.Client; }");
        var renamed = CSharpSyntaxTree.ParseText("class Names { public const string Other = \"X-Real-IP\"; }");
        var edited = CSharpCompilation.Create("candidates", new[] { renamed, trees[1] });
        var second = CandidateTrees.Find(edited, Witnesses, CancellationToken.None);

        Assert.True(first.Contains(trees[1]));
        Assert.False(second.Contains(trees[1]));
        Assert.True(second.Contains(renamed));
    }

    [Fact]
    public void AFileTheCompilationDoesNotHaveOrNoFileIsACandidate()
    {
        var (candidates, _) = Create("class Other { }");

        Assert.True(candidates.Contains(CSharpSyntaxTree.ParseText("class Elsewhere { }")));
        Assert.True(candidates.Contains(null));
    }

    // The forwarding-configuration scan searches only candidate files: each name it looks for must make its file one.
    [Fact]
    public void EveryNameTheForwardingScanLooksForMakesItsFileACandidate()
    {
        var trees = ForwardedHeadersConfiguration.SearchedNames.Select(name => CSharpSyntaxTree.ParseText($"class C {{ object M(dynamic x) => x.{name}(); }}")).ToArray();
        var other = CSharpSyntaxTree.ParseText("class C { object M(dynamic x) => x.UseRouting(); }");
        var candidates = CandidateTrees.Find(CSharpCompilation.Create("candidates", trees.Append(other)), ClientIpAnalyzer.Rules.Witnessed, CancellationToken.None);

        Assert.All(trees, tree => Assert.True(candidates.Contains(tree), tree.ToString()));
        Assert.False(candidates.Contains(other));
    }

    private static (CandidateTrees Candidates, SyntaxTree[] Trees) Create(params string[] sources)
    {
        var trees = sources.Select(source => CSharpSyntaxTree.ParseText(source)).ToArray();
        var compilation = CSharpCompilation.Create("candidates", trees);
        return (CandidateTrees.Find(compilation, Witnesses, CancellationToken.None), trees);
    }
}
