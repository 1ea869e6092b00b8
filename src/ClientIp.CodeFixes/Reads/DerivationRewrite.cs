using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using static ClientIp.Analyzers.Common.WellKnownType;

namespace ClientIp.CodeFixes.Reads;

/// <summary>
/// A derivation on its own: the header read and the steps that turn it into one address (<c>ToString</c>,
/// <c>Split(',')[0]</c>, <c>Trim</c>, <c>IPAddress.Parse</c>, ...) become one resolver call giving the same kind of
/// value, text or <c>IPAddress</c>, with the null state the old value had (see <see cref="ReadRewriteContext.KeepNullState"/>).
/// A derivation that is a rate limiter's partition key becomes <c>GetClientIpPartitionKey()</c> instead.
/// </summary>
internal sealed class DerivationRewrite
{
    private readonly ReadRewriteContext context;

    public DerivationRewrite(ReadRewriteContext context) => this.context = context;

    public RewritePlan? Plan(ExpressionSyntax start, RequestKind kind, out ReadFixShape shape)
    {
        shape = ReadFixShape.Address;
        var whole = Widen(start);
        if (context.TargetFor(start, kind) is not { } target)
        {
            return null;
        }

        var plan = new RewritePlan();
        if (kind == RequestKind.HttpContext && PartitionKeys.KeyArgument(context, whole) is { } key)
        {
            shape = ReadFixShape.PartitionKey;
            plan.Replace(key, context.Calls.PartitionKey(target));
            context.AddReferencedLocals(key, plan);
            return plan;
        }

        var type = context.TypeOf(whole);
        ExpressionSyntax replacement;
        bool isText;
        if (context.Symbols.IsOrImplements(type, System_Net_IPAddress))
        {
            replacement = context.Calls.IpAddress(target);
            isText = false;
        }
        else if (type?.SpecialType == SpecialType.System_String || context.Symbols.IsOrImplements(type, Microsoft_Extensions_Primitives_StringValues))
        {
            replacement = context.Calls.Text(target);
            isText = true;
        }
        else
        {
            return null; // every entry (string[]), a bool from TryGetValue, a count...: the rewrite cannot keep it.
        }

        // A StringValues (or a header entry) becomes text: only where the code does not ask anything of its type.
        if (type?.SpecialType != SpecialType.System_String && !context.Symbols.IsOrImplements(type, System_Net_IPAddress) && IsTypeSensitive(whole))
        {
            return null;
        }

        var kept = context.KeepNullState(whole, replacement, isText);
        if (whole.Parent is ConditionalAccessExpressionSyntax { Expression: var head } && head == whole && kept == replacement)
        {
            kept = SyntaxFactory.ParenthesizedExpression(kept);
        }

        plan.Replace(whole, kept);
        if (kept == replacement)
        {
            AdjustDeclaredType(whole, type, plan);
        }

        context.AddReferencedLocals(whole, plan);
        return plan;
    }

    /// <summary>
    /// Widens the reported read over the steps that only turn the header value into one address. A trailing
    /// <c>!</c> is left outside, so it keeps applying to the replacement.
    /// </summary>
    public ExpressionSyntax Widen(ExpressionSyntax start)
    {
        var current = start;
        while (true)
        {
            switch (current.Parent)
            {
                case ParenthesizedExpressionSyntax parent:
                    current = parent;
                    continue;
                case PostfixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.SuppressNullableWarningExpression } parent:
                    current = parent;
                    continue;
                case CastExpressionSyntax cast when context.TypeOf(cast)?.SpecialType == SpecialType.System_String:
                    current = cast;
                    continue;
                case MemberAccessExpressionSyntax member when member.Expression == current &&
                    member.Parent is InvocationExpressionSyntax invocation && invocation.Expression == member &&
                    SideEffectFreeMethods.IsDerivationStep(context.SymbolOf(invocation) as IMethodSymbol):
                    current = invocation;
                    continue;
                case MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Value" } value when value.Expression == current && IsEntry(current):
                    current = value;
                    continue;
                case ElementAccessExpressionSyntax element when element.Expression == current && IsIndexable(current):
                    current = element;
                    continue;
                case ConditionalAccessExpressionSyntax conditional when conditional.Expression == current && IsDerivationChain(conditional.WhenNotNull):
                    current = conditional;
                    continue;
                case ArgumentSyntax { Parent: ArgumentListSyntax { Arguments.Count: 1, Parent: InvocationExpressionSyntax invocation } } when IsAddressParse(invocation):
                    current = invocation;
                    continue;
                default:
                    while (current is PostfixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.SuppressNullableWarningExpression } suppressed)
                    {
                        current = suppressed.Operand;
                    }

                    return current;
            }
        }
    }

    private bool IsIndexable(ExpressionSyntax expression)
    {
        var type = context.TypeOf(expression);
        return type is IArrayTypeSymbol || context.Symbols.IsOrImplements(type, Microsoft_Extensions_Primitives_StringValues);
    }

    /// <summary>A header entry: a <c>KeyValuePair&lt;string, StringValues&gt;</c> LINQ picked by key, or a gRPC <c>Metadata.Entry</c>.</summary>
    private bool IsEntry(ExpressionSyntax expression)
    {
        var type = context.TypeOf(expression) as INamedTypeSymbol;
        return context.Symbols.Is(type?.ContainingType, Grpc_Core_Metadata) ||
               (type is { Name: "KeyValuePair", TypeArguments.Length: 2 } pair && context.Symbols.IsOrImplements(pair.TypeArguments[1], Microsoft_Extensions_Primitives_StringValues));
    }

    /// <summary>Places where a value's type matters beyond text: a pattern's operand, a member's receiver, a switch.</summary>
    private static bool IsTypeSensitive(ExpressionSyntax whole) => whole.Parent switch
    {
        IsPatternExpressionSyntax pattern => pattern.Expression == whole,
        SwitchExpressionSyntax or SwitchStatementSyntax => true,
        MemberAccessExpressionSyntax member => member.Expression == whole,
        ConditionalAccessExpressionSyntax access => access.Expression == whole,
        BinaryExpressionSyntax { RawKind: (int)SyntaxKind.IsExpression or (int)SyntaxKind.AsExpression } => true,
        _ => false,
    };

    private bool IsDerivationChain(ExpressionSyntax whenNotNull) => whenNotNull switch
    {
        MemberBindingExpressionSyntax { Name.Identifier.ValueText: "Value" } binding => binding.FirstAncestorOrSelf<ConditionalAccessExpressionSyntax>() is { } access && IsEntry(access.Expression),
        MemberAccessExpressionSyntax { Expression: MemberBindingExpressionSyntax binding } => IsDerivationChain(binding),
        InvocationExpressionSyntax { Expression: MemberBindingExpressionSyntax } invocation => IsStep(invocation),
        InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax member } invocation => IsStep(invocation) && IsDerivationChain(member.Expression),
        ElementBindingExpressionSyntax => true,
        ElementAccessExpressionSyntax element => IsDerivationChain(element.Expression),
        ConditionalAccessExpressionSyntax conditional => IsDerivationChain(conditional.Expression) && IsDerivationChain(conditional.WhenNotNull),
        _ => false,
    };

    private bool IsStep(InvocationExpressionSyntax invocation) => SideEffectFreeMethods.IsDerivationStep(context.SymbolOf(invocation) as IMethodSymbol);

    private bool IsAddressParse(InvocationExpressionSyntax invocation) =>
        context.SymbolOf(invocation) is IMethodSymbol { Name: "Parse", IsStatic: true } method &&
        context.Symbols.IsOrImplements(method.ContainingType, System_Net_IPAddress);

    /// <summary>
    /// <c>string ip = …</c> becomes <c>string? ip = …</c> when the old value could already be null (the resolver may
    /// know no address), and <c>var v = headers[...]</c> keeps its <c>StringValues</c> type.
    /// </summary>
    public void AdjustDeclaredType(ExpressionSyntax whole, ITypeSymbol? valueType, RewritePlan plan)
    {
        if (whole.Parent is not EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax { Parent: VariableDeclarationSyntax declaration } declarator } ||
            declaration.Variables.Count != 1 ||
            context.Model.GetDeclaredSymbol(declarator, context.CancellationToken) is not ILocalSymbol local)
        {
            return;
        }

        if (declaration.Type.IsVar)
        {
            // var of StringValues would silently become a string; keep the declared kind of value.
            if (context.Symbols.IsOrImplements(valueType, Microsoft_Extensions_Primitives_StringValues))
            {
                plan.Replace(declaration.Type, context.Generator.TypeExpression(context.Symbols.Get(Microsoft_Extensions_Primitives_StringValues)!, addImport: true));
            }

            return;
        }

        var annotations = (context.Model.GetNullableContext(whole.SpanStart) & NullableContext.AnnotationsEnabled) != 0;
        if (annotations && local.Type.IsReferenceType && local.NullableAnnotation == NullableAnnotation.NotAnnotated &&
            declaration.Type is not NullableTypeSyntax)
        {
            plan.Replace(declaration.Type, SyntaxFactory.NullableType(declaration.Type.WithoutTrivia()));
        }
    }
}

/// <summary>
/// Rate-limiter partition keys: <c>RateLimitPartition.GetFixedWindowLimiter(ctx.Connection.RemoteIpAddress?.ToString() ?? "unknown", ...)</c>
/// keys each client by its address; the resolver's <c>GetClientIpPartitionKey()</c> is that key, done right (the
/// resolved client, an IPv6 client grouped by its /64).
/// </summary>
internal static class PartitionKeys
{
    /// <summary>
    /// The partition-key argument (or the initializer of a local only used as one) that <paramref name="value"/>, the
    /// client address as text, makes up: alone, after <c>?.ToString()</c>, or with a <c>?? "unknown"</c> default.
    /// Null when the value is anything more (part of a composite key) or the key is not text.
    /// </summary>
    public static ExpressionSyntax? KeyArgument(ReadRewriteContext context, ExpressionSyntax value)
    {
        if (!context.Symbols.HasPartitionKeyMethod)
        {
            return null;
        }

        var key = value;
        while (true)
        {
            switch (key.Parent)
            {
                case ParenthesizedExpressionSyntax or PostfixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.SuppressNullableWarningExpression }:
                    key = (ExpressionSyntax)key.Parent;
                    continue;
                case ConditionalAccessExpressionSyntax conditional when conditional.Expression == key && IsToString(context, conditional.WhenNotNull):
                    key = conditional;
                    continue;
                case MemberAccessExpressionSyntax { Parent: InvocationExpressionSyntax invocation } member when member.Expression == key && IsToString(context, invocation):
                    key = invocation;
                    continue;
                case BinaryExpressionSyntax { RawKind: (int)SyntaxKind.CoalesceExpression } coalesce when coalesce.Left == key && coalesce.Right is LiteralExpressionSyntax:
                    key = coalesce;
                    continue;
            }

            break;
        }

        if (context.Model.GetTypeInfo(key, context.CancellationToken).ConvertedType?.SpecialType != SpecialType.System_String)
        {
            return null;
        }

        if (IsKeyArgument(context, key))
        {
            return key;
        }

        // var key = ...; RateLimitPartition.Get...(key, ...): the local is the key and nothing else.
        if (key.Parent is EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax declarator } &&
            context.Model.GetDeclaredSymbol(declarator, context.CancellationToken) is ILocalSymbol local &&
            declarator.FirstAncestorOrSelf<BlockSyntax>() is { } block)
        {
            var uses = context.ReferencesTo(local, block).ToList();
            if (uses.Count > 0 && uses.All(use => IsKeyArgument(context, use)))
            {
                return key;
            }
        }

        return null;
    }

    private static bool IsKeyArgument(ReadRewriteContext context, ExpressionSyntax key) =>
        key.Parent is ArgumentSyntax { Parent: ArgumentListSyntax { Parent: InvocationExpressionSyntax invocation } list } argument &&
        (argument.NameColon is null ? list.Arguments.IndexOf(argument) == 0 : argument.NameColon.Name.Identifier.ValueText == "partitionKey") &&
        context.SymbolOf(invocation) is IMethodSymbol method && context.Symbols.IsRateLimitPartitionFactory(method.ReducedFrom ?? method.OriginalDefinition);

    private static bool IsToString(ReadRewriteContext context, ExpressionSyntax expression) =>
        expression is InvocationExpressionSyntax { ArgumentList.Arguments.Count: 0 } invocation &&
        context.SymbolOf(invocation) is IMethodSymbol { Name: "ToString" };
}
