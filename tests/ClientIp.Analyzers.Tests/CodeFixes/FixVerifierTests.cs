using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using ClientIp.CodeFixes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace ClientIp.Analyzers.Tests.CodeFixes;

/// <summary>
/// The check every fix passes when it is applied: no new compiler error, and no compiler warning of a kind the changed
/// members did not have (the package is used with -warnaserror); otherwise the fix changes nothing.
/// </summary>
public class FixVerifierTests
{
    private const string Source = """
        #nullable enable
        static class Names
        {
            public static int Length(string? name) => name is null ? 0 : name.Length;

            public static int Other(string? other) => other!.Length;
        }
        """;

    [Fact]
    public async Task AnEditThatAddsANullableWarningIsRejected()
    {
        // Dropping the null check dereferences a possibly null string: CS8602, which the method did not have.
        Assert.False(await VerifyAsync("Length", "name.Length"));
    }

    [Fact]
    public async Task AnEditThatAddsAnErrorIsRejected()
    {
        Assert.False(await VerifyAsync("Length", "name.Count"));
    }

    [Fact]
    public async Task AnEditThatKeepsTheMemberCleanIsAccepted()
    {
        Assert.True(await VerifyAsync("Length", "name?.Length ?? 0"));
    }

    [Fact]
    public async Task AWarningOfAKindTheMemberAlreadyHadIsAccepted()
    {
        // The member already dereferences a possibly null value (CS8602 after removing '!'), once; still once.
        var document = FixRunner.CreateDocument(Source.Replace("other!.Length", "other.Length"));
        Assert.True(await VerifyAsync(document, "Other", "other.Length + 0"));
    }

    private static Task<bool> VerifyAsync(string method, string newBody) => VerifyAsync(FixRunner.CreateDocument(Source), method, newBody);

    private static async Task<bool> VerifyAsync(Document document, string method, string newBody)
    {
        var root = (await document.GetSyntaxRootAsync())!;
        var body = root.DescendantNodes().OfType<MethodDeclarationSyntax>().Single(m => m.Identifier.ValueText == method).ExpressionBody!.Expression;
        var marker = DocumentEdit.NewMarker();
        var changed = document.WithSyntaxRoot(root.ReplaceNode(body, SyntaxFactory.ParseExpression(newBody).WithTriviaFrom(body).WithAdditionalAnnotations(marker)));
        return await FixVerifier.AddsNoNewDiagnosticsAsync(new DocumentEdit(document, changed, marker, new SyntaxNode[] { body }), CancellationToken.None);
    }
}
