//! The sidebar: the "All" river and each feed with its unread count.

use leptos::prelude::*;

use super::Reader;
use crate::core::library::FeedId;

#[component]
pub fn FeedList() -> impl IntoView {
    let reader = expect_context::<Reader>();
    let counts = Memo::new(move |_| reader.library.with(|l| l.unread_counts()));
    let total = move || counts.with(|c| c.values().sum::<usize>());
    let feeds = move || {
        reader
            .library
            .with(|l| l.subscriptions().iter().map(|s| (s.id.clone(), s.title().to_string())).collect::<Vec<_>>())
    };
    let choose = move |id: Option<FeedId>| reader.show_feed(id);

    view! {
        <nav class="feeds" aria-label="Feeds">
            <ul>
                <li>
                    <button type="button" class="feed" aria-current=move || reader.filter.with(Option::is_none).then_some("page")
                        on:click=move |_| choose(None)>
                        <span class="feed-title">"All"</span>
                        <span class="count">{total}</span>
                    </button>
                </li>
                <For each=feeds key=|(id, title)| (id.clone(), title.clone()) let:((id, title))>
                    {
                        let current = id.clone();
                        let counted = id.clone();
                        view! {
                            <li>
                                <button type="button" class="feed"
                                    aria-current=move || reader.filter.with(|f| f.as_ref() == Some(&current)).then_some("page")
                                    on:click=move |_| choose(Some(id.clone()))>
                                    <span class="feed-title">{title}</span>
                                    <span class="count">{move || counts.with(|c| c.get(&counted).copied().unwrap_or(0))}</span>
                                </button>
                            </li>
                        }
                    }
                </For>
            </ul>
        </nav>
    }
}
