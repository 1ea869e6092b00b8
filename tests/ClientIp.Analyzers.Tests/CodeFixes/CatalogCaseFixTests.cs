using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading.Tasks;
using ClientIp.Analyzers.Tests.Infrastructure;
using ClientIp.CodeFixes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using Microsoft.CodeAnalysis.Text;

namespace ClientIp.Analyzers.Tests.CodeFixes;

/// <summary>
/// Every positive CIP0001-CIP0003 case of the analyzer suites that is meant to be fixable: applying the fixes
/// yields code that compiles and has none of the read diagnostics left.
/// </summary>
public class CatalogCaseFixTests
{
    private static readonly string[] ReadIds = { DiagnosticIds.RemoteAddressUsedAsClient, DiagnosticIds.UnguardedClientIpHeaderRead, DiagnosticIds.LeftmostForwardedForEntry };

    public static IEnumerable<object[]> FixableReadCases =>
        CaseCatalog.Positive.Where(c => ReadIds.Contains(c.Id) && c.Fixable).Select(c => new object[] { c });

    public static IEnumerable<object[]> UnfixableReadCases =>
        CaseCatalog.Positive.Where(c => ReadIds.Contains(c.Id) && !c.Fixable).Select(c => new object[] { c });

    public static IEnumerable<object[]> ReadCases =>
        CaseCatalog.Positive.Where(c => ReadIds.Contains(c.Id)).Select(c => new object[] { c });

    [Theory]
    [MemberData(nameof(UnfixableReadCases))]
    public async Task CasesMarkedUnfixableGetNoFix(AnalyzerCase @case)
    {
        TestFileMarkupParser.GetSpans(@case.Markup, out var source, out ImmutableDictionary<string, ImmutableArray<TextSpan>> _);
        var document = FixRunner.CreateDocument(source);
        Assert.NotEmpty(await FixRunner.AnalyzeAsync(document));

        Assert.Equal(0, await FixRunner.DiagnosticsWithAFixAsync(document));
    }

    [Theory]
    [MemberData(nameof(ReadCases))]
    public async Task NoFixWithoutTheResolver(AnalyzerCase @case)
    {
        // A fix that calls GetClientIpAddress() would not compile without the ClientIp library.
        TestFileMarkupParser.GetSpans(@case.Markup, out var source, out ImmutableDictionary<string, ImmutableArray<TextSpan>> _);
        var document = FixRunner.CreateDocument(source, withResolver: false);
        Assert.NotEmpty(await FixRunner.AnalyzeAsync(document));

        Assert.Equal(0, await FixRunner.DiagnosticsWithAFixAsync(document));
    }

    [Fact]
    public void ThereAreFixableCasesToCheck() => Assert.True(FixableReadCases.Count() >= 10, $"only {FixableReadCases.Count()} fixable read cases found");

    [Theory]
    [MemberData(nameof(FixableReadCases))]
    public async Task FixingEveryDiagnosticLeavesCompilingCodeWithNoReadDiagnostic(AnalyzerCase @case)
    {
        TestFileMarkupParser.GetSpans(@case.Markup, out var source, out ImmutableDictionary<string, ImmutableArray<TextSpan>> spans);
        var document = FixRunner.CreateDocument(source);
        Assert.Empty(await FixRunner.CompilerErrorsAsync(document));
        var marked = spans.TryGetValue(@case.Id!, out var caseSpans) ? caseSpans : ImmutableArray<TextSpan>.Empty;
        var reported = (await FixRunner.AnalyzeAsync(document)).Where(d => d.Id == @case.Id).Select(d => d.Location.SourceSpan);
        Assert.Superset(marked.ToHashSet(), reported.ToHashSet());

        var (fixedDocument, applied) = await FixRunner.ApplyAllFixesAsync(document);

        var text = (await fixedDocument.GetTextAsync()).ToString();
        Assert.True(applied > 0, "no fix was offered for a case marked fixable:\n" + source);
        Assert.True((await FixRunner.CompilerErrorsAsync(fixedDocument)).IsEmpty,
            string.Join("\n", await FixRunner.CompilerErrorsAsync(fixedDocument)) + "\n" + text);
        var remaining = (await FixRunner.AnalyzeAsync(fixedDocument)).Where(d => ReadIds.Contains(d.Id)).ToArray();
        Assert.True(remaining.Length == 0, string.Join("\n", remaining.Select(d => d.ToString())) + "\n" + text);
        await FixRunner.AssertNoNewWarningKindAsync(document, fixedDocument);
    }

    [Theory]
    [MemberData(nameof(FixableReadCases))]
    public async Task OneFixAllPassLeavesNoReadDiagnosticAndNoNewWarning(AnalyzerCase @case)
    {
        TestFileMarkupParser.GetSpans(@case.Markup, out var source, out ImmutableDictionary<string, ImmutableArray<TextSpan>> _);
        var document = FixRunner.CreateDocument(source);
        var diagnostics = (await FixRunner.AnalyzeAsync(document)).Where(d => ReadIds.Contains(d.Id)).ToArray();

        var fixedDocument = await DotnetFormatRun.FixAllInDocumentAsync(document, new ClientIpReadCodeFixProvider(), ClientIpReadCodeFixProvider.EquivalenceKey, diagnostics);

        var text = (await fixedDocument.GetTextAsync()).ToString();
        Assert.True((await FixRunner.CompilerErrorsAsync(fixedDocument)).IsEmpty, string.Join("\n", await FixRunner.CompilerErrorsAsync(fixedDocument)) + "\n" + text);
        var remaining = (await FixRunner.AnalyzeAsync(fixedDocument)).Where(d => ReadIds.Contains(d.Id)).ToArray();
        Assert.True(remaining.Length == 0, string.Join("\n", remaining.Select(d => d.ToString())) + "\n" + text);
        await FixRunner.AssertNoNewWarningKindAsync(document, fixedDocument);
    }
}
