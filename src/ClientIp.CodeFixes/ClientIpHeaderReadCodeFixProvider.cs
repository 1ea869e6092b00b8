using System.Collections.Immutable;
using System.Composition;
using System.Threading.Tasks;
using ClientIp.Analyzers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;

namespace ClientIp.CodeFixes;

/// <summary>
/// CIP0002 and CIP0003: replaces the whole derivation of an address from a client-IP header (the read, its
/// <c>Split(',')[0]</c>, <c>Trim()</c>, <c>IPAddress.Parse</c>, and the fallback to the peer address) with
/// <c>GetClientIpAddress()</c>, keeping the kind of value the code used (text or <c>IPAddress</c>).
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(ClientIpHeaderReadCodeFixProvider)), Shared]
public sealed class ClientIpHeaderReadCodeFixProvider : CodeFixProvider
{
    /// <summary>The stable equivalence key of this fix (Fix All groups by it).</summary>
    public const string EquivalenceKey = "ClientIp.UseGetClientIpAddress.HeaderRead";

    /// <summary>The title shown on the lightbulb.</summary>
    public const string Title = "Resolve the client address through trusted proxies (GetClientIpAddress)";

    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds { get; } =
        ImmutableArray.Create(DiagnosticIds.UnguardedClientIpHeaderRead, DiagnosticIds.LeftmostForwardedForEntry);

    private static readonly FixAllProvider FixAll = ReadFix.CreateFixAllProvider((rewrite, node) => rewrite.Plan(node));

    /// <inheritdoc/>
    public override FixAllProvider GetFixAllProvider() => FixAll;

    /// <inheritdoc/>
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        foreach (var diagnostic in context.Diagnostics)
        {
            var fixedDocument = await ReadFix.TryFixAsync(
                context.Document, diagnostic, (rewrite, node) => rewrite.Plan(node), context.CancellationToken).ConfigureAwait(false);
            if (fixedDocument is not null)
            {
                context.RegisterCodeFix(CodeAction.Create(Title, _ => Task.FromResult(fixedDocument), EquivalenceKey), diagnostic);
            }
        }
    }
}
