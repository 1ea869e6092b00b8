using System.Linq;
using System.Threading;
using ClientIp.Analyzers.Common;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace ClientIp.Analyzers.Reads;

/// <summary>
/// Finds the string a header-name argument evaluates to, for every way a name usually reaches a read: literals,
/// const fields and locals, constant interpolations and concatenations (all via the compiler's constant value),
/// static readonly fields and single-assignment locals initialised with a literal, non-constant interpolations and
/// concatenations of those, and <c>ForwardedHeadersDefaults.XForwardedForHeaderName</c>.
/// </summary>
internal static class HeaderNameResolver
{
    private const int MaxDepth = 4;

    public static string? Resolve(IOperation? operation, WellKnownSymbols symbols, CancellationToken cancellationToken) =>
        Resolve(operation, symbols, cancellationToken, 0);

    private static string? Resolve(IOperation? operation, WellKnownSymbols symbols, CancellationToken ct, int depth)
    {
        if (operation is null || depth > MaxDepth)
        {
            return null;
        }

        if (operation.ConstantValue.HasValue)
        {
            return operation.ConstantValue.Value as string;
        }

        switch (operation)
        {
            case IConversionOperation conversion:
                return Resolve(conversion.Operand, symbols, ct, depth + 1);

            case IBinaryOperation { OperatorKind: BinaryOperatorKind.Add } binary:
                var left = Resolve(binary.LeftOperand, symbols, ct, depth + 1);
                var right = left is null ? null : Resolve(binary.RightOperand, symbols, ct, depth + 1);
                return right is null ? null : left + right;

            case IInterpolatedStringOperation interpolated:
                return ResolveInterpolation(interpolated, symbols, ct, depth);

            case IPropertyReferenceOperation property
                when symbols.Is(property.Property, WellKnownMember.ForwardedHeadersDefaults_XForwardedForHeaderName):
                return "X-Forwarded-For";

            case IFieldReferenceOperation { Field: { IsStatic: true, IsReadOnly: true } field }:
                return LiteralInitializer(field, ct);

            case ILocalReferenceOperation localReference:
                return ResolveLocal(localReference, symbols, ct, depth);

            default:
                return null;
        }
    }

    private static string? ResolveInterpolation(IInterpolatedStringOperation interpolated, WellKnownSymbols symbols, CancellationToken ct, int depth)
    {
        var text = string.Empty;
        foreach (var part in interpolated.Parts)
        {
            string? value = part switch
            {
                IInterpolatedStringTextOperation t => t.Text.ConstantValue.Value as string,
                IInterpolationOperation { Alignment: null, FormatString: null } i => Resolve(i.Expression, symbols, ct, depth + 1),
                _ => null,
            };
            if (value is null)
            {
                return null;
            }

            text += value;
        }

        return text;
    }

    private static string? LiteralInitializer(IFieldSymbol field, CancellationToken ct)
    {
        foreach (var reference in field.DeclaringSyntaxReferences)
        {
            if (reference.GetSyntax(ct) is VariableDeclaratorSyntax { Initializer.Value: LiteralExpressionSyntax literal } &&
                literal.IsKind(SyntaxKind.StringLiteralExpression))
            {
                return literal.Token.ValueText;
            }
        }

        return null;
    }

    private static string? ResolveLocal(ILocalReferenceOperation reference, WellKnownSymbols symbols, CancellationToken ct, int depth)
    {
        var local = reference.Local;
        if (local.IsRef || reference.SemanticModel is null)
        {
            return null;
        }

        var declarator = local.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax(ct) as VariableDeclaratorSyntax;
        if (declarator?.Initializer is null || declarator.SyntaxTree != reference.Syntax.SyntaxTree || IsReassigned(declarator, local.Name))
        {
            return null;
        }

        return Resolve(reference.SemanticModel.GetOperation(declarator.Initializer.Value, ct), symbols, ct, depth + 1);
    }

    /// <summary>
    /// Whether anything in the local's scope may write the name again. Matched by name, so a same-named variable
    /// elsewhere in the member only makes us miss a report, never invent one.
    /// </summary>
    private static bool IsReassigned(VariableDeclaratorSyntax declarator, string name)
    {
        SyntaxNode? scope = declarator.FirstAncestorOrSelf<MemberDeclarationSyntax>();
        if (scope is GlobalStatementSyntax)
        {
            scope = scope.Parent;
        }

        if (scope is null)
        {
            return true;
        }

        foreach (var node in scope.DescendantNodes())
        {
            switch (node)
            {
                case AssignmentExpressionSyntax { Left: IdentifierNameSyntax id } when id.Identifier.ValueText == name:
                case PrefixUnaryExpressionSyntax { Operand: IdentifierNameSyntax pre } when pre.Identifier.ValueText == name:
                case PostfixUnaryExpressionSyntax { Operand: IdentifierNameSyntax post } when post.Identifier.ValueText == name:
                    return true;
                case ArgumentSyntax { Expression: IdentifierNameSyntax arg } argument
                    when arg.Identifier.ValueText == name && !argument.RefKindKeyword.IsKind(SyntaxKind.None):
                    return true;
            }
        }

        return false;
    }
}
