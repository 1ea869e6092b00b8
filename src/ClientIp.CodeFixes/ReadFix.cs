using System;
using ClientIp.Analyzers;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Editing;

namespace ClientIp.CodeFixes;

/// <summary>The steps every client-IP read fix shares: honour the analyzer's verdict, find the node, plan, apply.</summary>
internal static class ReadFix
{
    public static async Task<Document?> TryFixAsync(
        Document document, Diagnostic diagnostic, Func<HeaderReadRewrite, SyntaxNode, RewritePlan?> plan, CancellationToken cancellationToken)
    {
        if (diagnostic.Properties.TryGetValue(DiagnosticProperties.Fixable, out var fixable) &&
            string.Equals(fixable, "false", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        if (root is null || model is null || KnownSymbols.TryCreate(model.Compilation) is not { } symbols)
        {
            return null; // no resolver in the compilation: the diagnostic stays, without a fix that would not compile
        }

        var node = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
        var generator = SyntaxGenerator.GetGenerator(document);
        var rewrite = new HeaderReadRewrite(model, symbols, generator, cancellationToken);
        var planned = plan(rewrite, node);
        return planned is null ? null : await FixApplier.ApplyAsync(document, planned, model, symbols, cancellationToken).ConfigureAwait(false);
    }
}
