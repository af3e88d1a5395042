/** Inputs and their labels: Button, Textfield, Select, Toggle, Label, ErrorMessage, HelperMessage and UserPicker. */
import Button from '@atlaskit/button/new';
import { ErrorMessage, HelperMessage, Label } from '@atlaskit/form';
import Select from '@atlaskit/select';
import Textfield from '@atlaskit/textfield';
import Toggle from '@atlaskit/toggle';
import { useEffect, useState, type ComponentProps } from 'react';
import type { Drawing } from '../drawing';
import { bool, callback, text, type ForgeDoc } from '../forge-doc';
import { UserPicker } from './user-picker';

type ButtonAppearance = ComponentProps<typeof Button>['appearance'];
const BUTTON_APPEARANCES = ['default', 'primary', 'subtle', 'warning', 'danger', 'discovery'];

/** What crosses Forge's bridge for a DOM event: a plain object, never the event itself. */
function eventLike(
  target: { value?: string; checked?: boolean; name?: string; id?: string },
  type = 'change',
): unknown {
  return { type, target, currentTarget: target };
}

function TextfieldDrawing({ doc }: { doc: ForgeDoc }) {
  const p = doc.props;
  const controlled = text(p.value);
  // The app answers a keystroke one commit later; a local draft keeps the caret and every character meanwhile.
  const [draft, setDraft] = useState(controlled ?? text(p.defaultValue) ?? '');
  useEffect(() => {
    if (controlled !== undefined) setDraft(controlled);
  }, [controlled]);
  const name = text(p.name);
  const id = text(p.id);
  return (
    <Textfield
      id={id}
      name={name}
      type={text(p.type)}
      placeholder={text(p.placeholder)}
      isDisabled={bool(p.isDisabled)}
      isInvalid={bool(p.isInvalid)}
      isRequired={bool(p.isRequired)}
      aria-label={text(p['aria-label'])}
      value={draft}
      onChange={(e) => {
        const value = e.currentTarget.value;
        setDraft(value);
        void callback(p.onChange)?.(eventLike({ value, ...(name ? { name } : {}), ...(id ? { id } : {}) }));
      }}
      onBlur={() => void callback(p.onBlur)?.(eventLike({ value: draft }, 'blur'))}
      onFocus={() => void callback(p.onFocus)?.(eventLike({ value: draft }, 'focus'))}
    />
  );
}

type Option = { label: string; value: unknown };

function SelectDrawing({ doc }: { doc: ForgeDoc }) {
  const p = doc.props;
  return (
    <Select<Option, boolean>
      inputId={text(p.inputId)}
      id={text(p.id)}
      name={text(p.name)}
      aria-label={text(p['aria-label'])}
      placeholder={text(p.placeholder)}
      options={Array.isArray(p.options) ? (p.options as Option[]) : []}
      {...('value' in p ? { value: (p.value ?? null) as Option | null } : {})}
      {...('defaultValue' in p ? { defaultValue: p.defaultValue as Option } : {})}
      isMulti={bool(p.isMulti)}
      isClearable={bool(p.isClearable)}
      isDisabled={bool(p.isDisabled)}
      isInvalid={bool(p.isInvalid)}
      isSearchable={bool(p.isSearchable)}
      menuPortalTarget={document.body}
      onChange={(value) => void callback(p.onChange)?.(value)}
    />
  );
}

export const FORMS: Record<string, Drawing> = {
  Button: ({ doc, draw }) => {
    const appearance = text(doc.props.appearance) ?? 'default';
    return (
      <Button
        appearance={(BUTTON_APPEARANCES.includes(appearance) ? appearance : 'subtle') as ButtonAppearance}
        isDisabled={bool(doc.props.isDisabled)}
        isSelected={bool(doc.props.isSelected)}
        type={text(doc.props.type) === 'submit' ? 'submit' : 'button'}
        onClick={() => void callback(doc.props.onClick)?.()}
      >
        {doc.children.map(draw)}
      </Button>
    );
  },
  Textfield: ({ doc }) => <TextfieldDrawing doc={doc} />,
  Select: ({ doc }) => <SelectDrawing doc={doc} />,
  Toggle: ({ doc }) => (
    <Toggle
      id={text(doc.props.id)}
      name={text(doc.props.name)}
      label={text(doc.props.label)}
      isChecked={bool(doc.props.isChecked)}
      defaultChecked={bool(doc.props.defaultChecked)}
      isDisabled={bool(doc.props.isDisabled)}
      onChange={(e) => void callback(doc.props.onChange)?.(eventLike({ checked: e.currentTarget.checked }))}
    />
  ),
  Label: ({ doc, draw }) => <Label htmlFor={text(doc.props.labelFor) ?? ''}>{doc.children.map(draw)}</Label>,
  ErrorMessage: ({ doc, draw }) => <ErrorMessage>{doc.children.map(draw)}</ErrorMessage>,
  HelperMessage: ({ doc, draw }) => <HelperMessage>{doc.children.map(draw)}</HelperMessage>,
  UserPicker: ({ doc }) => <UserPicker doc={doc} />,
};
