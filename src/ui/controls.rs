//! Small form controls shared by the views.

use leptos::prelude::*;

/// A checkbox bound to a boolean signal.
#[component]
pub fn Toggle(#[prop(into)] label: String, on: RwSignal<bool>) -> impl IntoView {
    view! {
        <label class="check">
            <input
                type="checkbox"
                prop:checked=move || on.get()
                on:change=move |ev| on.set(event_target_checked(&ev))
            />
            {label}
        </label>
    }
}

/// One checkbox per label, bound to the same-index entry of a signal.
pub fn check_list(labels: Vec<String>, on: RwSignal<Vec<bool>>) -> impl IntoView {
    labels
        .into_iter()
        .enumerate()
        .map(|(i, label)| {
            view! {
                <label class="check">
                    <input
                        type="checkbox"
                        prop:checked=move || on.with(|f| f.get(i).copied().unwrap_or(false))
                        on:change=move |ev| {
                            let checked = event_target_checked(&ev);
                            on.update(|f| {
                                if let Some(x) = f.get_mut(i) {
                                    *x = checked;
                                }
                            });
                        }
                    />
                    {label}
                </label>
            }
        })
        .collect_view()
}
