import { Text, View } from '@tarojs/components';
import { type PropsWithChildren } from 'react';
import './index.css';

interface FormFieldProps {
  label: string;
  /** Shown after the label: (选填) and the like. */
  tag?: string;
  hint?: string;
  /** The schema's message for this field, shown right under it. */
  error?: string;
  className?: string;
}

/** A labelled form field with its hint and error; inputs inside use the lx-input / lx-textarea classes. */
export default function FormField({ label, tag, hint, error, className, children }: PropsWithChildren<FormFieldProps>) {
  return (
    <View className={className ? `lx-field ${className}` : 'lx-field'}>
      <View className="lx-field__label">
        <Text>{label}</Text>
        {tag ? <Text className="lx-field__tag">{tag}</Text> : null}
      </View>
      {hint ? <Text className="lx-field__hint">{hint}</Text> : null}
      {children}
      {error ? <Text className="lx-field-error">{error}</Text> : null}
    </View>
  );
}
