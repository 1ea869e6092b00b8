using System.Collections.Generic;
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
/// concatenations of those, and <c>ForwardedHeadersDefaults.XForwardedForHeaderName</c>; and, for a name that takes
/// several values, the collection they come from: a loop variable over an array or list of names (a field, a local or
/// inline), an element of such a collection, or the parameter of a lambda passed to a LINQ call on it.
/// </summary>
internal static class HeaderNameResolver
{
    private const int MaxDepth = 4;

    /// <summary>
    /// The client-IP header a key names (canonical casing; the server-variable spelling <c>HTTP_X_FORWARDED_FOR</c>
    /// counts too), and the first list header among its values (for CIP0003), or null.
    /// </summary>
    public static (string Header, string? ListHeader)? FindClientIpHeader(IOperation? key, WellKnownSymbols symbols, CancellationToken ct)
    {
        // Constants first, without the candidate iterator: every string argument of every call in the project gets
        // here (HeaderHelpers), nearly all of them literals that name no header. A constant is its only candidate.
        if (key is { ConstantValue: { HasValue: true } constant })
        {
            return constant.Value is string text && (ClientIpHeaders.Canonical(text) ?? ClientIpHeaders.FromServerVariable(text)) is { } named
                ? (named, ClientIpHeaders.IsList(named) ? named : null)
                : null;
        }

        string? header = null, list = null;
        foreach (var candidate in Candidates(key, symbols, ct))
        {
            var canonical = ClientIpHeaders.Canonical(candidate) ?? ClientIpHeaders.FromServerVariable(candidate);
            if (canonical is null)
            {
                continue;
            }

            header ??= canonical;
            if (list is null && ClientIpHeaders.IsList(canonical))
            {
                list = canonical;
            }
        }

        return header is null ? null : (header, list);
    }

    /// <summary>The strings a key may evaluate to: its value, or the values of the collection it is taken from.</summary>
    private static IEnumerable<string> Candidates(IOperation? key, WellKnownSymbols symbols, CancellationToken ct)
    {
        if (Resolve(key, symbols, ct) is { } name)
        {
            yield return name;
            yield break;
        }

        if (CollectionOf(OperationWalk.SkipConversions(key), ct, 0) is not { } collection ||
            Contents(collection, symbols, ct) is not { } contents)
        {
            yield break;
        }

        foreach (var element in contents.DescendantsAndSelf())
        {
            if (element.Type?.SpecialType == SpecialType.System_String && element is ILiteralOperation or IFieldReferenceOperation or IPropertyReferenceOperation &&
                Resolve(element, symbols, ct) is { } value)
            {
                yield return value;
            }
        }
    }

    /// <summary>The collection a name is taken from: <c>foreach (var name in names)</c>, <c>names[i]</c>, <c>names.Select(n => ...)</c>.</summary>
    private static IOperation? CollectionOf(IOperation? key, CancellationToken ct, int depth)
    {
        switch (key)
        {
            case IArrayElementReferenceOperation element:
                return element.ArrayReference;
            case IPropertyReferenceOperation { Property.IsIndexer: true, Instance: { } list } when list.Type?.SpecialType != SpecialType.System_String:
                return list;
            case ILocalReferenceOperation local when depth < MaxDepth && local.SemanticModel is { } model:
                foreach (var reference in local.Local.DeclaringSyntaxReferences)
                {
                    var syntax = reference.GetSyntax(ct);
                    if (syntax.SyntaxTree != local.Syntax.SyntaxTree)
                    {
                        continue;
                    }

                    if (syntax is ForEachStatementSyntax loop && model.GetOperation(loop, ct) is IForEachLoopOperation forEach)
                    {
                        return OperationWalk.SkipConversions(forEach.Collection);
                    }

                    // var name = names[i];
                    if (syntax is VariableDeclaratorSyntax { Initializer.Value: { } value } && model.GetOperation(value, ct) is { } initializer)
                    {
                        return CollectionOf(OperationWalk.SkipConversions(initializer), ct, depth + 1);
                    }
                }

                return null;
            case IParameterReferenceOperation { Parameter.ContainingSymbol: IMethodSymbol { MethodKind: MethodKind.AnonymousFunction } lambda }:
                // names.Select(n => headers[n]): the LINQ call's receiver.
                for (var current = key.Parent; current is not null; current = current.Parent)
                {
                    if (current is IAnonymousFunctionOperation function && SymbolEqualityComparer.Default.Equals(function.Symbol, lambda))
                    {
                        return current.Parent?.Parent is IArgumentOperation { Parent: IInvocationOperation call } && OperationWalk.Receiver(call) is { } receiver
                            ? OperationWalk.SkipConversions(receiver)
                            : null;
                    }
                }

                return null;
            default:
                return null;
        }
    }

    /// <summary>What a collection holds: its initializer when it is a field or local, else the expression itself.</summary>
    private static IOperation? Contents(IOperation collection, WellKnownSymbols symbols, CancellationToken ct)
    {
        switch (collection)
        {
            case IFieldReferenceOperation { Field: var field } when field.IsReadOnly || field.IsConst:
                foreach (var reference in field.DeclaringSyntaxReferences)
                {
                    if (reference.GetSyntax(ct) is VariableDeclaratorSyntax { Initializer.Value: { } value } &&
                        symbols.Compilation.ContainsSyntaxTree(value.SyntaxTree))
                    {
                        // Another file's field: its own semantic model (the driver's compilation caches them).
#pragma warning disable RS1030 // The initializer lives in the declaring tree, not the one being analyzed.
                        return symbols.Compilation.GetSemanticModel(value.SyntaxTree).GetOperation(value, ct);
#pragma warning restore RS1030
                    }
                }

                return null;
            case ILocalReferenceOperation local:
                return local.Local.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax(ct) is VariableDeclaratorSyntax { Initializer.Value: { } initial } declarator &&
                       declarator.SyntaxTree == local.Syntax.SyntaxTree && !IsReassigned(declarator, local.Local.Name)
                    ? local.SemanticModel?.GetOperation(initial, ct)
                    : null;
            case IArrayCreationOperation or IObjectCreationOperation:
                return collection;
            default:
                // A collection expression (['a', 'b']) binds to an operation kind Roslyn 4.8 does not name: take its syntax.
                return collection.Syntax is CollectionExpressionSyntax ? collection : null;
        }
    }

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
                return FieldInitializer(field, symbols, ct, depth);

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

    /// <summary>A static readonly field's initializer: a literal read from the syntax, anything else bound in its own file.</summary>
    private static string? FieldInitializer(IFieldSymbol field, WellKnownSymbols symbols, CancellationToken ct, int depth)
    {
        foreach (var reference in field.DeclaringSyntaxReferences)
        {
            if (reference.GetSyntax(ct) is not VariableDeclaratorSyntax { Initializer.Value: { } value })
            {
                continue;
            }

            if (value is LiteralExpressionSyntax literal)
            {
                return literal.IsKind(SyntaxKind.StringLiteralExpression) ? literal.Token.ValueText : null;
            }

            if (!symbols.Compilation.ContainsSyntaxTree(value.SyntaxTree))
            {
                return null; // declared in another project of the solution
            }

#pragma warning disable RS1030 // The initializer lives in the declaring tree, not the one being analyzed.
            return Resolve(symbols.Compilation.GetSemanticModel(value.SyntaxTree).GetOperation(value, ct), symbols, ct, depth + 1);
#pragma warning restore RS1030
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
