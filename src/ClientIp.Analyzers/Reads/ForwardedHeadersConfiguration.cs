using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace ClientIp.Analyzers.Reads;

/// <summary>
/// Whether this compilation configures forwarded-header processing, after which <c>RemoteIpAddress</c> already holds
/// the client: a call to <c>UseClientIp(...)</c>, or a call to <c>UseForwardedHeaders(...)</c> together with
/// <c>ForwardedHeaders.XForwardedFor</c> (or <c>ForwardedHeaders.All</c>) somewhere in the compilation (options are
/// often configured apart from the call, through <c>Configure&lt;ForwardedHeadersOptions&gt;</c>).
/// </summary>
/// <remarks>
/// Computed by a syntactic scan of every tree, once per compilation and only when the first candidate CIP0001 read
/// is found; this keeps the diagnostic a normal per-operation one (live in the IDE) instead of a compilation-end one.
/// One instance per compilation, created in the compilation-start action; never stored in an analyzer field.
/// </remarks>
internal sealed class ForwardedHeadersConfiguration
{
    private const int Unknown = 0, No = 1, Yes = 2;

    private readonly Compilation _compilation;
    private int _state;

    public ForwardedHeadersConfiguration(Compilation compilation) => _compilation = compilation;

    public bool IsConfigured(CancellationToken ct)
    {
        var state = Volatile.Read(ref _state);
        if (state == Unknown)
        {
            // Concurrent callers may both scan; the answer is the same, and a cancelled scan caches nothing.
            state = Scan(ct) ? Yes : No;
            Volatile.Write(ref _state, state);
        }

        return state == Yes;
    }

    private bool Scan(CancellationToken ct)
    {
        bool useForwardedHeaders = false, forwardedFor = false;
        foreach (var tree in _compilation.SyntaxTrees)
        {
            foreach (var token in tree.GetRoot(ct).DescendantTokens())
            {
                ct.ThrowIfCancellationRequested();
                if (!token.IsKind(SyntaxKind.IdentifierToken))
                {
                    continue;
                }

                switch (token.ValueText)
                {
                    case "UseClientIp" when IsInvokedName(token):
                        return true;
                    case "UseForwardedHeaders" when IsInvokedName(token):
                        useForwardedHeaders = true;
                        break;
                    case "XForwardedFor":
                    case "All" when token.Parent?.Parent is MemberAccessExpressionSyntax { Expression: var owner } &&
                                    owner.ToString().EndsWith("ForwardedHeaders", System.StringComparison.Ordinal):
                        forwardedFor = true;
                        break;
                }

                if (useForwardedHeaders && forwardedFor)
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static bool IsInvokedName(SyntaxToken token)
    {
        var name = token.Parent;
        var expression = name?.Parent is MemberAccessExpressionSyntax access && access.Name == name ? access : name;
        return expression?.Parent is InvocationExpressionSyntax invocation && invocation.Expression == expression;
    }
}
