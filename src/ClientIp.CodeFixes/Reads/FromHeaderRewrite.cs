using Microsoft.CodeAnalysis;

namespace ClientIp.CodeFixes.Reads;

/// <summary><c>[FromHeader(Name = "X-Forwarded-For")]</c> bindings replaced by the resolver (to be written).</summary>
internal sealed class FromHeaderRewrite
{
    private readonly ReadRewriteContext context;

    public FromHeaderRewrite(ReadRewriteContext context) => this.context = context;

    public (RewritePlan Edits, string Header)? Plan(SyntaxNode reported) => context is null || reported is null ? null : null;
}
