using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using ClientIp.Analyzers.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace ClientIp.Analyzers.Tests.CodeFixes;

/// <summary>
/// Applies the read fixes to a source whose fixed form is not written down (the analyzer cases), the way a user
/// clicking every lightbulb would: analyze, apply the first fix offered, analyze again, until none is offered.
/// </summary>
internal static class FixRunner
{
    private const int MaxFixes = 50;

    public static Document CreateDocument(string source, bool withResolver = true)
    {
        var workspace = new AdhocWorkspace();
        var projectId = ProjectId.CreateNewId();
        var solution = workspace.CurrentSolution
            .AddProject(ProjectInfo.Create(
                projectId, VersionStamp.Default, "Cases", "Cases", LanguageNames.CSharp,
                compilationOptions: new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable),
                parseOptions: new CSharpParseOptions(LanguageVersion.Latest),
                metadataReferences: withResolver ? TestReferences.AspNetCore.Add(TestReferences.ClientIpResolver) : TestReferences.AspNetCore));
        var documentId = DocumentId.CreateNewId(projectId);
        return solution.AddDocument(documentId, "Case.cs", source).GetDocument(documentId)!;
    }

    /// <summary>The package analyzers' diagnostics in <paramref name="document"/>, in source order.</summary>
    public static async Task<ImmutableArray<Diagnostic>> AnalyzeAsync(Document document)
    {
        var compilation = (await document.Project.GetCompilationAsync())!;
        var withAnalyzers = compilation.WithAnalyzers(ReadFixVerifier.PackageAnalyzers);
        var diagnostics = await withAnalyzers.GetAnalyzerDiagnosticsAsync(CancellationToken.None);
        return diagnostics.OrderBy(d => d.Location.SourceSpan.Start).ToImmutableArray();
    }

    public static async Task<ImmutableArray<Diagnostic>> CompilerErrorsAsync(Document document)
    {
        var compilation = (await document.Project.GetCompilationAsync())!;
        return compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToImmutableArray();
    }

    /// <summary>The package is used with -warnaserror: a fix may not add a compiler warning of a kind the code did not have.</summary>
    public static async Task AssertNoNewWarningKindAsync(Document before, Document after)
    {
        static async Task<string[]> WarningIds(Document document) =>
            (await document.Project.GetCompilationAsync())!.GetDiagnostics()
                .Where(d => d.Severity == DiagnosticSeverity.Warning).Select(d => d.Id).Distinct().ToArray();

        var added = (await WarningIds(after)).Except(await WarningIds(before)).ToArray();
        Assert.True(added.Length == 0, $"new warnings: {string.Join(", ", added)}\n{await after.GetTextAsync()}");
    }

    /// <summary>Applies fixes one at a time until no diagnostic has one; returns the result and how many were applied.</summary>
    public static async Task<(Document Document, int Applied)> ApplyAllFixesAsync(Document document)
    {
        var applied = 0;
        while (applied < MaxFixes)
        {
            var fix = await FirstFixAsync(document);
            if (fix is null)
            {
                break;
            }

            var operations = await fix.GetOperationsAsync(CancellationToken.None);
            var changed = operations.OfType<ApplyChangesOperation>().Single().ChangedSolution;
            document = changed.GetDocument(document.Id)!;
            applied++;
        }

        return (document, applied);
    }

    /// <summary>
    /// Applies the fix offered for <paramref name="diagnostic"/> (which may differ from what the analyzer reported,
    /// e.g. in its properties) and returns the new text, or null when no fix is offered.
    /// </summary>
    public static async Task<string?> ApplyFixAsync(Document document, Diagnostic diagnostic)
    {
        foreach (var provider in ReadFixVerifier.ReadFixes.Where(p => p.FixableDiagnosticIds.Contains(diagnostic.Id)))
        {
            var actions = new List<CodeAction>();
            await provider.RegisterCodeFixesAsync(new CodeFixContext(document, diagnostic, (action, _) => actions.Add(action), CancellationToken.None));
            if (actions.Count > 0)
            {
                var operations = await actions[0].GetOperationsAsync(CancellationToken.None);
                var changed = operations.OfType<ApplyChangesOperation>().Single().ChangedSolution.GetDocument(document.Id)!;
                return (await changed.GetTextAsync()).ToString();
            }
        }

        return null;
    }

    /// <summary>The equivalence key of every fix offered for the document's diagnostics, in source order.</summary>
    public static async Task<string?[]> OfferedEquivalenceKeysAsync(Document document)
    {
        var keys = new List<string?>();
        foreach (var diagnostic in await AnalyzeAsync(document))
        {
            foreach (var provider in ReadFixVerifier.ReadFixes.Where(p => p.FixableDiagnosticIds.Contains(diagnostic.Id)))
            {
                var context = new CodeFixContext(document, diagnostic, (action, _) => keys.Add(action.EquivalenceKey), CancellationToken.None);
                await provider.RegisterCodeFixesAsync(context);
            }
        }

        return keys.ToArray();
    }

    /// <summary>How many of the document's diagnostics get at least one fix.</summary>
    public static async Task<int> DiagnosticsWithAFixAsync(Document document)
    {
        var count = 0;
        foreach (var diagnostic in await AnalyzeAsync(document))
        {
            if (await FixesForAsync(document, diagnostic) > 0)
            {
                count++;
            }
        }

        return count;
    }

    private static async Task<int> FixesForAsync(Document document, Diagnostic diagnostic)
    {
        var count = 0;
        foreach (var provider in ReadFixVerifier.ReadFixes.Where(p => p.FixableDiagnosticIds.Contains(diagnostic.Id)))
        {
            await provider.RegisterCodeFixesAsync(new CodeFixContext(document, diagnostic, (_, _) => count++, CancellationToken.None));
        }

        return count;
    }

    private static async Task<CodeAction?> FirstFixAsync(Document document)
    {
        foreach (var diagnostic in await AnalyzeAsync(document))
        {
            foreach (var provider in ReadFixVerifier.ReadFixes.Where(p => p.FixableDiagnosticIds.Contains(diagnostic.Id)))
            {
                var actions = new List<CodeAction>();
                var context = new CodeFixContext(document, diagnostic, (action, _) => actions.Add(action), CancellationToken.None);
                await provider.RegisterCodeFixesAsync(context);
                if (actions.Count > 0)
                {
                    return actions[0];
                }
            }
        }

        return null;
    }
}
