using System.Collections.Immutable;
using System.Composition;
using System.Threading.Tasks;
using ClientIp.Analyzers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;

namespace ClientIp.CodeFixes;

/// <summary>
/// CIP0001: replaces a read of the connection's remote address with <c>GetClientIpAddress()</c> on the owning
/// HttpContext, which resolves the client through trusted proxies.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(RemoteAddressCodeFixProvider)), Shared]
public sealed class RemoteAddressCodeFixProvider : CodeFixProvider
{
    /// <summary>The stable equivalence key of this fix (Fix All groups by it).</summary>
    public const string EquivalenceKey = "ClientIp.UseGetClientIpAddress.RemoteAddress";

    /// <summary>The title shown on the lightbulb.</summary>
    public const string Title = "Use HttpContext.GetClientIpAddress()";

    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.RemoteAddressUsedAsClient);

    private static readonly FixAllProvider FixAll = ReadFix.CreateFixAllProvider((rewrite, node) => rewrite.PlanRemoteRead(node));

    /// <inheritdoc/>
    public override FixAllProvider GetFixAllProvider() => FixAll;

    /// <inheritdoc/>
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        foreach (var diagnostic in context.Diagnostics)
        {
            var fixedDocument = await ReadFix.TryFixAsync(
                context.Document, diagnostic, (rewrite, node) => rewrite.PlanRemoteRead(node), context.CancellationToken).ConfigureAwait(false);
            if (fixedDocument is not null)
            {
                context.RegisterCodeFix(CodeAction.Create(Title, _ => Task.FromResult(fixedDocument), EquivalenceKey), diagnostic);
            }
        }
    }
}
