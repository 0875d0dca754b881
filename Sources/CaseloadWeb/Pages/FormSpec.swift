import Foundation
import Hummingbird

/// One input of a page form. Its `name` is the JSON API's key, its id `f-NAME`
/// (docs/web.md, Forms), so a refusal naming the key finds the input.
struct Field {
    enum Kind {
        case text, number, date, dateTime, password, textarea, checkbox
        case select([(value: String, label: String)])
        case radios([(value: String, label: String)])
        case checkboxes([(value: String, label: String)])
        case hidden
    }

    let name: String
    let label: String
    var hint: String? = nil
    var kind: Kind = .text
    var autocomplete: String? = nil
    var required = false
    /// `inputmode` for phone keyboards (`numeric`, `decimal`).
    var inputMode: String? = nil
}

/// A page form: where it posts, its fields and its button. Rendered by the `form` template.
struct FormSpec {
    let id: String
    let action: String
    var heading: String? = nil
    var intro: String? = nil
    let fields: [Field]
    let buttonID: String
    let buttonLabel: String
    var buttonName: String? = nil
    var buttonValue: String? = nil
    var secondButton: (id: String, label: String, name: String, value: String)? = nil
    /// A button that ends or takes away something (discharge, deactivate) is drawn in red.
    var warning = false
    /// Whether the form changes data and so carries a one-time `formId`.
    var once = true
    /// Put before every element id of the form, for a page with several forms whose fields
    /// share names (each violation's review forms, the admin page's four forms).
    var idPrefix = ""

    /// Values for the template: what was typed (never a password), the refusal beside its field.
    func values(typed: FormData? = nil, error: APIError? = nil, formID: String = FormData.newFormID(),
                defaults: [String: String] = [:]) -> [String: Any] {
        let errorField = error.flatMap { error in fields.contains { $0.name == error.field } ? error.field : nil }
        let rendered: [[String: Any]] = fields.map { field in
            let id = idPrefix + "f-" + field.name
            // Every key a template asks for is set (false when absent): Mustache would otherwise
            // look a missing key up in the enclosing values (the page's own `heading`, say).
            var item: [String: Any] = ["name": field.name, "id": id, "label": field.label, "hint": false, "error": false,
                                       "describedBy": false, "autocomplete": false, "inputMode": false, "required": false,
                                       "checked": false, "options": false]
            var described: [String] = []
            if let hint = field.hint { item["hint"] = hint; item["hintId"] = id + "-hint"; described.append(id + "-hint") }
            if errorField == field.name, let error {
                item["error"] = sentence(error.message, label: field.label)
                item["errorId"] = id + "-error"
                described.append(id + "-error")
            }
            if !described.isEmpty { item["describedBy"] = described.joined(separator: " ") }
            if let autocomplete = field.autocomplete { item["autocomplete"] = autocomplete }
            if let inputMode = field.inputMode { item["inputMode"] = inputMode }
            let inputModeSet = field.inputMode != nil
            if field.required { item["required"] = true }
            var typedValues: [String]
            if case .password = field.kind { typedValues = [] } else {
                typedValues = typed?.all(field.name) ?? []
                if typed == nil, let value = defaults[field.name] { typedValues = [value] }
            }
            let value = typedValues.last ?? ""
            switch field.kind {
            case .text: item["isInput"] = true; item["type"] = "text"; item["value"] = value
            case .number: item["isInput"] = true; item["type"] = "text"; item["value"] = value
                if !inputModeSet { item["inputMode"] = "numeric" }
            case .date: item["isInput"] = true; item["type"] = "date"; item["value"] = value
            case .dateTime: item["isInput"] = true; item["type"] = "datetime-local"; item["value"] = value
            case .password: item["isInput"] = true; item["type"] = "password"; item["value"] = ""
            case .hidden: item["isHidden"] = true; item["value"] = value
            case .textarea: item["isTextarea"] = true; item["value"] = value
            case .checkbox: item["isCheckbox"] = true; item["checked"] = !typedValues.isEmpty
            case .select(let options):
                item["isSelect"] = true
                item["options"] = ([(value: "", label: "Choose…")] + options).map {
                    ["value": $0.value, "label": $0.label, "selected": $0.value == value] as [String: Any]
                }
            case .radios(let options), .checkboxes(let options):
                if case .radios = field.kind { item["isRadios"] = true } else { item["isCheckboxes"] = true }
                item["options"] = options.enumerated().map { index, option in
                    ["value": option.value, "label": option.label, "id": "\(id)-\(index + 1)",
                     "checked": typedValues.contains(option.value)] as [String: Any]
                }
            }
            return item
        }
        var values: [String: Any] = ["formHtmlId": id, "action": action, "fields": rendered,
                                     "buttonId": buttonID, "buttonLabel": buttonLabel, "warning": warning,
                                     "heading": false, "intro": false, "buttonName": false, "second": false, "formId": false]
        if let heading { values["heading"] = heading }
        if let intro { values["intro"] = intro }
        if let buttonName { values["buttonName"] = buttonName; values["buttonValue"] = buttonValue ?? "" }
        if let secondButton {
            values["second"] = ["id": secondButton.id, "label": secondButton.label, "name": secondButton.name,
                                "value": secondButton.value]
        }
        if once { values["formId"] = typed?["formId"] ?? formID }
        return values
    }

    /// The error summary's entry for a refusal: linked to its field, or to the form itself.
    func pageError(_ error: APIError) -> PageError {
        let anchor = error.field.flatMap { name in fields.contains { $0.name == name && !($0.kind.isHidden) } ? idPrefix + "f-" + name : nil }
            ?? fields.first(where: { !$0.kind.isHidden }).map { idPrefix + "f-" + $0.name } ?? id
        let label = error.field.flatMap { name in fields.first { $0.name == name }?.label }
        return PageError(anchor: anchor, message: sentence(error.message, label: label))
    }
}

extension Field.Kind {
    var isHidden: Bool { if case .hidden = self { true } else { false } }
}
