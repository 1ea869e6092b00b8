using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;

namespace ClientIp.CodeFixes;

/// <summary>
/// The shared body of the CIP0001–CIP0003 fixes: each plans a rewrite of the flagged node into
/// <c>GetClientIpAddress()</c>; the fix is offered only when the rewritten document adds no compiler error.
/// </summary>
public abstract class ReadFixProvider : CodeFixProvider
{
    private readonly string _title;
    private readonly string _equivalenceKey;

    private protected ReadFixProvider(string title, string equivalenceKey)
    {
        _title = title;
        _equivalenceKey = equivalenceKey;
    }

    private protected abstract RewritePlan? Plan(HeaderReadRewrite rewrite, SyntaxNode node);

    /// <inheritdoc/>
    public sealed override FixAllProvider GetFixAllProvider() => ReadFix.CreateFixAllProvider(Plan);

    /// <inheritdoc/>
    public sealed override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        foreach (var diagnostic in context.Diagnostics)
        {
            var fixedDocument = await ReadFix.TryFixAsync(context.Document, diagnostic, Plan, context.CancellationToken).ConfigureAwait(false);
            if (fixedDocument is not null)
            {
                context.RegisterCodeFix(CodeAction.Create(_title, _ => Task.FromResult(fixedDocument), _equivalenceKey), diagnostic);
            }
        }
    }
}
