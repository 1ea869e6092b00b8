using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using ClientIp.Analyzers.Configuration;
using ClientIp.Analyzers.Tests.Cases;
using ClientIp.Analyzers.Tests.Infrastructure;
using ClientIp.Analyzers.Tests.Robustness;
using ClientIp.CodeFixes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace ClientIp.Analyzers.Tests.Configuration;

/// <summary>
/// For every CIP0004/CIP0005 case marked fixable: the fix is offered, the result has no compiler error, and the
/// diagnostic is gone. For every case marked not fixable: no fix is offered.
/// </summary>
public class ConfigurationFixCompilesTests
{
    public static IEnumerable<object[]> Cases => ConfigurationCases.Positive.Select(c => new object[] { c });

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task FixedCodeCompilesAndIsClean(AnalyzerCase @case)
    {
        var (analyzer, provider) = @case.Id == DiagnosticIds.ForwardedHeadersTrustEveryone
            ? ((DiagnosticAnalyzer)new ClientIpAnalyzer(), (CodeFixProvider)new ForwardedHeadersTrustCodeFixProvider())
            : (new ClientIpAnalyzer(), new ForwardedHeadersOrderCodeFixProvider());
        var document = CreateDocument(AnalyzerHarness.StripMarkup(@case.Markup));

        // The analyzer hosts CIP0004 and CIP0005: only the case's rule is looked at.
        var diagnostics = (await AnalyzeAsync(document, analyzer)).Where(d => d.Id == @case.Id).ToImmutableArray();
        Assert.NotEmpty(diagnostics);
        var actions = new List<CodeAction>();
        foreach (var diagnostic in diagnostics)
        {
            await provider.RegisterCodeFixesAsync(new CodeFixContext(document, diagnostic, (a, _) => actions.Add(a), CancellationToken.None));
        }

        if (!@case.Fixable)
        {
            Assert.Empty(actions);
            return;
        }

        Assert.NotEmpty(actions);
        var operations = await actions[0].GetOperationsAsync(CancellationToken.None);
        var fixedDocument = operations.OfType<ApplyChangesOperation>().Single().ChangedSolution.GetDocument(document.Id)!;
        var compilation = (await fixedDocument.Project.GetCompilationAsync())!;
        Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
        Assert.Empty((await AnalyzeAsync(fixedDocument, analyzer)).Where(d => d.Id == @case.Id));
    }

    private static Document CreateDocument(string source)
    {
        var workspace = new AdhocWorkspace();
        var project = workspace.CurrentSolution
            .AddProject("Fixed", "Fixed", LanguageNames.CSharp)
            .WithCompilationOptions(new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable))
            .WithParseOptions(new CSharpParseOptions(LanguageVersion.Latest))
            .WithMetadataReferences(TestReferences.AspNetCore.Add(TestReferences.ClientIpResolver));
        return project.AddDocument("Test0.cs", source);
    }

    private static async Task<ImmutableArray<Diagnostic>> AnalyzeAsync(Document document, DiagnosticAnalyzer analyzer)
    {
        var compilation = (await document.Project.GetCompilationAsync())!;
        return await compilation.WithAnalyzers(ImmutableArray.Create(analyzer)).GetAnalyzerDiagnosticsAsync();
    }
}
